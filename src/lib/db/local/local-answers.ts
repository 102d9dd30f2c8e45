/**
 * The query core's page-side answers for small datasets: per month, loads the filter index and
 * the unfiltered rows of each row view (low priority, after the views' own queries), then
 * answers the views that declare a `local` kind from them. Anything it cannot answer yet, or
 * at all, goes to the database as before.
 */
import { Priority } from '@uwdata/mosaic-core';
import type { Query } from '@uwdata/mosaic-sql';
import type { CoreClient, QueryContext } from '../coordinator-client.ts';
import type { FilterState } from '../../state/filters.ts';
import type { FactsSource } from '../../metrics/query.ts';
import { buildFilterIndex, filterIndexQuery, selectMask, type FilterIndex, type IndexTable } from './filter-index.ts';
import { countBy, programmeMetrics, rowsBase, selectRows, type LocalTable, type RowsBase, type SourceTable } from './answers.ts';

/** Projects in the plan up to which a dataset is answered in the page (a city or a province). */
export const LOCAL_LIMIT = 50_000;

export interface LocalHost {
  query(query: Query | string, options: { cache: boolean; priority: number }): Promise<unknown>;
  context(client: CoreClient): QueryContext;
  error(err: unknown): void;
}

export class LocalAnswers {
  readonly #host: LocalHost;
  readonly #limit: number;
  /** The dataset has more in-plan projects than the limit: never answer here. */
  #tooLarge = false;
  #month: string | null = null;
  #index: FilterIndex | null = null;
  #bases = new Map<CoreClient, RowsBase>();
  #loadingBases = new Set<CoreClient>();
  #ready: Promise<boolean> = Promise.resolve(false);

  constructor(host: LocalHost, limit = LOCAL_LIMIT) {
    this.#host = host;
    this.#limit = limit;
  }

  /** Starts loading the month's index (and row views' bases) unless it is there or too large. */
  prepare(month: string, facts: FactsSource, clients: () => Iterable<CoreClient>): void {
    if (this.#tooLarge || this.#limit <= 0 || this.#month === month) return;
    this.#month = month;
    this.#index = null;
    this.#bases.clear();
    this.#loadingBases.clear();
    this.#ready = this.#host
      .query(filterIndexQuery(facts, this.#limit + 1), { cache: false, priority: Priority.Low })
      .then(async (table) => {
        if (this.#month !== month) return false;
        const t = table as IndexTable;
        if (t.numRows > this.#limit) {
          this.#tooLarge = true;
          this.#month = null;
          return false;
        }
        this.#index = buildFilterIndex(t);
        const rowViews = [...clients()].filter((c) => c.local?.kind === 'rows');
        await Promise.all(rowViews.map((c) => this.#loadBase(c)));
        return this.#month === month;
      })
      .catch((err: unknown) => {
        if (this.#month === month) this.#month = null;
        this.#host.error(err);
        return false;
      });
  }

  /** Whether the current month is answered here, once its index and row bases are loaded (tests, benchmarks). */
  get ready(): Promise<boolean> {
    return this.#ready;
  }

  /** The client's result for the month and filters, or null to ask the database. */
  answer(client: CoreClient, month: { key: string; index: number }, filters: FilterState, internal: boolean): LocalTable | null {
    const spec = client.local;
    const index = this.#index;
    if (!spec || !index || this.#month !== month.key) return null;
    if (spec.kind === 'rows' && !this.#bases.has(client)) {
      this.#loadBase(client);
      return null;
    }
    const mask = selectMask(index, filters, client.owns);
    if (spec.kind === 'rows') return selectRows(this.#bases.get(client)!, mask);
    if (spec.kind === 'counts') return countBy(index, mask, spec.column);
    return programmeMetrics(index, mask, spec.metrics, month.index, internal);
  }

  forget(client: CoreClient): void {
    this.#bases.delete(client);
    this.#loadingBases.delete(client);
  }

  clear(): void {
    this.#month = null;
    this.#index = null;
    this.#bases.clear();
    this.#loadingBases.clear();
  }

  #loadBase(client: CoreClient): Promise<void> {
    if (this.#loadingBases.has(client) || !this.#index) return Promise.resolve();
    const month = this.#month;
    const query = client.queryFor({ ...this.#host.context(client), filter: undefined });
    if (!query) return Promise.resolve();
    this.#loadingBases.add(client);
    return this.#host
      .query(query, { cache: false, priority: Priority.Low })
      .then((table) => {
        if (this.#month !== month || !this.#index || !this.#loadingBases.has(client)) return;
        this.#bases.set(client, rowsBase(table as SourceTable, this.#index));
      })
      .catch((err: unknown) => {
        this.#loadingBases.delete(client);
        this.#host.error(err);
      });
  }
}
