/**
 * mosaic's Coordinator with one addition: per client, only the newest request may deliver.
 * A newer request for a client cancels the older one (dropped if still queued, rejected and
 * ignored if already running), and `supersedeAll()` does the same for every client before a
 * filter or month change, so an in-flight query never holds the next one up and no stale
 * result ever lands after a newer one.
 */
import { Coordinator, Priority, QueryError, type MosaicClient, type QueryResult } from '@uwdata/mosaic-core';
import type { Query } from '@uwdata/mosaic-sql';
import { perfMark } from '../perf.ts';

type ClientQuery = Query | string;

export class SupersedingCoordinator extends Coordinator {
  #latest = new Map<MosaicClient, QueryResult>();
  #idle: (() => void)[] = [];
  #wentIdle = false;

  /** Client requests still outstanding (0 when every view has its latest result). */
  get outstanding(): number {
    return this.#latest.size;
  }

  /**
   * Resolves once no client request is outstanding and every result has been delivered
   * (benchmarks, tests). Call it after the change has been dispatched to the clients.
   */
  whenIdle(): Promise<void> {
    if (this.#latest.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #checkIdle(delivered = false): void {
    if (this.#latest.size > 0) return;
    if (delivered && !this.#wentIdle) {
      this.#wentIdle = true;
      perfMark('views-idle');
    }
    if (this.#idle.length === 0) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }

  /** Cancels every client's outstanding request; their results, if any arrive, are dropped. */
  supersedeAll(): void {
    const outstanding = [...this.#latest.values()];
    this.#latest.clear();
    if (outstanding.length) this.cancel(outstanding);
    queueMicrotask(() => this.#checkIdle());
  }

  /** Forgets a client (on disconnect) and cancels its outstanding request. */
  forget(client: MosaicClient): void {
    const request = this.#latest.get(client);
    this.#latest.delete(client);
    if (request) this.cancel([request]);
    queueMicrotask(() => this.#checkIdle());
  }

  override updateClient(client: MosaicClient, query: ClientQuery, priority: number = Priority.Normal): Promise<unknown> {
    this.forget(client);
    client.queryPending();
    const request = this.query(query, { priority });
    this.#latest.set(client, request);
    const current = () => this.#latest.get(client) === request;
    const settle = () => current() && this.#latest.delete(client);
    return (client._pending = request
      .then(
        (data) => {
          if (!current()) return;
          settle();
          return client.queryResult(data).update();
        },
        (err) => {
          if (!current()) return;
          settle();
          const e = new QueryError(err, query);
          this.logger().error(e);
          client.queryError(e);
          return e;
        }
      )
      .catch((err) => this.logger().error(err))
      .finally(() => this.#checkIdle(true)));
  }

  override disconnect(client: MosaicClient): void {
    this.forget(client);
    super.disconnect(client);
  }
}
