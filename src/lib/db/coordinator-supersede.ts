/**
 * mosaic's Coordinator with two additions:
 * - Per client, only the newest request may deliver. A newer request for a client cancels the
 *   older one (dropped if still queued, rejected and ignored if already running), and
 *   `supersedeAll()` does the same for every client before a filter or month change, so an
 *   in-flight query never holds the next one up and no stale result ever lands after a newer one.
 * - Results are handed to the views together, once no client request is outstanding: a change
 *   updates the map, KPIs and charts in one go, never half of them. (npm run bench) Handing each
 *   result over as it came made the page draw between queries; on two cores with software
 *   rendering those frames starved the database worker of the queries still to run. A request
 *   that waits for data still to be loaded (its months or source tables, the first time a page
 *   reads them) is not waited for: the milestones page's Gantt chart is not held up by the
 *   ledger and the month before that its "what changed" reads (HISTORY.md change 39).
 */
import { Coordinator, Priority, QueryError, type MosaicClient, type QueryResult } from '@uwdata/mosaic-core';
import type { Query } from '@uwdata/mosaic-sql';
import { perfMark } from '../perf.ts';
import { mendQueueRemove } from './queue-remove.ts';

type ClientQuery = Query | string;

export class SupersedingCoordinator extends Coordinator {
  /**
   * Answers a client in the page instead of the database when it can (the query core's
   * filter index, db/local/); null means ask the database.
   */
  answerLocally: ((client: MosaicClient) => unknown | null) | null = null;
  /** Told of each result the database gave a client (the query core keeps row views' bases). */
  onDatabaseResult: ((client: MosaicClient, query: ClientQuery, data: unknown) => void) | null = null;
  /**
   * False while the engine starts (the browser, issue 23): a database request made then waits for
   * it, and results answered in the page are shown without waiting for those.
   */
  engineStarted = true;
  /**
   * Called before any query goes to the database (a client's, a one-off, the page index's): the
   * query core then queues the month's facts ahead of it, which starts the engine (issue 21).
   */
  beforeDatabase: (() => void) | null = null;
  /**
   * Whether the page will answer a client once the month's index is in (it is being built from the
   * decoded facts): its request then waits for that, and is asked again, instead of going to the
   * database, which would start the engine for nothing.
   */
  waitsForPage: ((client: MosaicClient) => boolean) | null = null;
  /** Whether the client's request waits for months or tables still being loaded (the query core's). */
  waitsForLoads: ((client: MosaicClient) => boolean) | null = null;
  /** Whether the client's requests go ahead of the others' (once its data is loaded). */
  isUrgent: ((client: MosaicClient) => boolean) | null = null;
  /** Requests waiting for the page's index, and how to let each go when it is superseded. */
  #waitingForPage = new Map<Promise<unknown>, () => void>();
  #latest = new Map<MosaicClient, Promise<unknown>>();
  /** Requests made for the database before the engine had started. */
  #engineBound = new WeakSet<Promise<unknown>>();
  /** Requests waiting for their data to be loaded: the other results are handed over without them. */
  #loadBound = new WeakSet<Promise<unknown>>();
  #delivered: (() => void)[] = [];
  #idle: (() => void)[] = [];
  #wentIdle = false;
  /** Per client, the result (or error) of its newest request, waiting for the last outstanding one. */
  #held = new Map<MosaicClient, { deliver: () => unknown; drop: () => void }>();

  constructor(...args: ConstructorParameters<typeof Coordinator>) {
    super(...args);
    // Cancelling queued queries at every change relies on the queue's remove (queue-remove.ts).
    mendQueueRemove(this.manager);
  }

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

  /** The client's request is still outstanding. */
  outstandingFor(client: MosaicClient): boolean {
    return this.#latest.has(client);
  }

  /**
   * Resolves once every result that is not waiting for the engine has been handed to its view
   * (at once when none is outstanding or held).
   */
  whenDelivered(): Promise<void> {
    if (this.#held.size === 0 && this.#onlyEngineBound()) return Promise.resolve();
    return new Promise((resolve) => this.#delivered.push(resolve));
  }

  #onlyEngineBound(loads = false): boolean {
    for (const request of this.#latest.values())
      if (!this.#engineBound.has(request) && !(loads && this.#loadBound.has(request))) return false;
    return true;
  }

  #checkIdle(delivered = false): void {
    // Results are handed over together once every request of the change is in, except those
    // waiting for the engine to start or for their data to load: the others do not wait for them.
    if (this.#held.size && this.#onlyEngineBound(true)) {
      const held = [...this.#held.values()];
      this.#held.clear();
      for (const { deliver } of held) deliver();
    }
    if (!this.#onlyEngineBound()) return;
    for (const resolve of this.#delivered.splice(0)) resolve();
    // A view may have asked for more in reaction (a table's row count): wait for that too.
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

  /**
   * Cancels every client's outstanding request; their results, if any arrive, are dropped.
   * Returns those clients: one the next change does not re-query must be asked again.
   */
  supersedeAll(): Set<MosaicClient> {
    const cancelled = new Set(this.#latest.keys());
    const outstanding = [...this.#latest.values()];
    this.#latest.clear();
    for (const request of outstanding) this.#letGo(request);
    if (outstanding.length) this.cancel(outstanding as QueryResult[]);
    queueMicrotask(() => this.#checkIdle());
    return cancelled;
  }

  /** Forgets a client (on disconnect) and cancels its outstanding request. */
  forget(client: MosaicClient): void {
    const request = this.#latest.get(client);
    this.#latest.delete(client);
    // A held result replaced by a newer request still settles its request's promise: mosaic's
    // throttled updates wait on it, and a promise left open froze the view for good (scene
    // changes in quick succession on the war room's screen).
    this.#held.get(client)?.drop();
    this.#held.delete(client);
    if (request) this.#letGo(request);
    if (request) this.cancel([request as QueryResult]);
    queueMicrotask(() => this.#checkIdle());
  }

  override query(...args: Parameters<Coordinator['query']>): ReturnType<Coordinator['query']> {
    this.beforeDatabase?.();
    return super.query(...args);
  }

  override updateClient(client: MosaicClient, query: ClientQuery, priority: number = Priority.Normal): Promise<unknown> {
    this.forget(client);
    client.queryPending();
    const local = this.#local(client);
    const waits = local === null && this.#waitsForPage(client);
    const loads = local === null && !waits && this.#waitsForLoads(client);
    const urgent = !loads && (this.isUrgent?.(client) ?? false);
    const request =
      local !== null
        ? Promise.resolve(local)
        : waits
          ? this.#pageWait()
          : this.query(query, { priority: urgent ? Priority.High : priority });
    if (waits || (local === null && !this.engineStarted)) this.#engineBound.add(request);
    if (loads) this.#loadBound.add(request);
    this.#latest.set(client, request);
    const current = () => this.#latest.get(client) === request;
    const settle = () => current() && this.#latest.delete(client);
    // Resolves once the result has been handed over (or dropped, when superseded first).
    return (client._pending = new Promise<unknown>((handed) => {
      const hold = (deliver: () => unknown) => {
        if (!current()) return handed(undefined);
        settle();
        this.#held.set(client, {
          deliver: () => {
            try {
              handed(deliver());
            } catch (err) {
              this.logger().error(err);
              handed(undefined);
            }
          },
          drop: () => handed(undefined)
        });
        this.#checkIdle(true);
      };
      request.then(
        (data) => {
          if (local === null && current()) this.#told(client, query, data);
          hold(() => client.queryResult(data).update());
        },
        (err) =>
          hold(() => {
            const e = new QueryError(err, query);
            this.logger().error(e);
            client.queryError(e);
            return e;
          })
      );
    }));
  }

  /** A request that waits for the page's index: it settles (with nothing delivered) only when superseded. */
  #pageWait(): Promise<unknown> {
    let letGo!: () => void;
    const request = new Promise<unknown>((resolve) => (letGo = () => resolve(undefined)));
    this.#waitingForPage.set(request, letGo);
    return request;
  }

  #letGo(request: Promise<unknown>): void {
    this.#waitingForPage.get(request)?.();
    this.#waitingForPage.delete(request);
  }

  #waitsForPage(client: MosaicClient): boolean {
    try {
      return this.waitsForPage?.(client) ?? false;
    } catch (err) {
      this.logger().error(err);
      return false;
    }
  }

  #waitsForLoads(client: MosaicClient): boolean {
    try {
      return this.waitsForLoads?.(client) ?? false;
    } catch (err) {
      this.logger().error(err);
      return false;
    }
  }

  #told(client: MosaicClient, query: ClientQuery, data: unknown): void {
    try {
      this.onDatabaseResult?.(client, query, data);
    } catch (err) {
      this.logger().error(err);
    }
  }

  #local(client: MosaicClient): unknown | null {
    try {
      return this.answerLocally?.(client) ?? null;
    } catch (err) {
      this.logger().error(err);
      return null;
    }
  }

  override disconnect(client: MosaicClient): void {
    this.forget(client);
    super.disconnect(client);
  }
}
