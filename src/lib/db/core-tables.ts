/**
 * The tables the query core's clients read, loaded as tasks queued like SQL: each month's facts
 * (a table per month, per core) and, for clients that ask for them, the dataset's source tables
 * whole. A load is an exec request, and mosaic holds every later request while an exec runs, so
 * a query never sees a table that is not there or half of one.
 */
import { Priority } from '@uwdata/mosaic-core';
import type { LoadableTable } from '../schema.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import type { MetricRules } from '../metrics/preset.ts';
import { factsTableStatements } from '../metrics/facts-table.ts';
import type { FactsLoader } from './month-facts.ts';
import type { TaskRequest } from './connector.ts';
import type { SupersedingCoordinator } from './coordinator-supersede.ts';

/** Loads a source table whole under its own name (the browser: its Parquet file). */
export type TableLoader = (table: LoadableTable) => Promise<void>;

export interface CoreTablesOptions {
  coordinator: SupersedingCoordinator;
  /** Per core, so two cores on one database (a reload, an embed) never share a facts table. */
  id: number;
  rules: MetricRules;
  internal: boolean;
  /** Builds each month's facts as a table (default) rather than inline in every query. */
  materialize: boolean;
  loadFacts?: FactsLoader;
  loadTable?: TableLoader;
  /** Months kept besides the current one and those live clients need. */
  keep: () => number;
  /** A month's facts could not be loaded (its queries then fail; a later visit tries again). */
  failed?: (month: Month, err: unknown) => void;
}

/**
 * A load queued as a task: it runs once, whichever of its requests comes first, and the others
 * wait for that run. A load queued behind the views (a prefetch) that a view then needs is queued
 * again ahead of the view's query (mosaic runs requests by priority, and an exec request holds the
 * ones after it): the view never queries a table still waiting at the back of the queue.
 */
interface QueuedLoad {
  task: () => Promise<unknown>;
  /** The most urgent priority it was queued at (mosaic: 0 is the highest). */
  priority: number;
  started: boolean;
}

function queuedLoad(run: () => Promise<unknown>, priority: number): QueuedLoad {
  let done: Promise<unknown> | null = null;
  const load: QueuedLoad = {
    priority,
    started: false,
    task: () => {
      load.started = true;
      return (done ??= run());
    }
  };
  return load;
}

export class CoreTables {
  readonly #o: CoreTablesOptions;
  /** Facts tables built or being built, least recently used first. */
  #months = new Set<string>();
  /** Month loads queued as tasks (with a facts loader), by month. */
  #monthLoads = new Map<string, QueuedLoad>();
  #tables = new Map<LoadableTable, { load: QueuedLoad; done: Promise<unknown> }>();
  /** Months and source tables whose load has finished. */
  #in = new Set<string>();

  constructor(options: CoreTablesOptions) {
    this.#o = options;
  }

  get materialize(): boolean {
    return this.#o.materialize;
  }

  /** Name of this core's facts table of a month (month keys are validated YYYY-MM). */
  factsTable(month: Month): string {
    return `cm_facts_${this.#o.id}_${month.key.replace('-', '_')}`;
  }

  /** Whether a month's facts table is built or queued. */
  has(month: Month): boolean {
    return this.#months.has(month.key);
  }

  /**
   * Queues the month's facts ahead of the queries that follow (or behind them, for a prefetch),
   * then lets go of the tables of months nobody needs beyond the few kept.
   */
  ensureMonth(month: Month, pinned: readonly string[], priority: number = Priority.High): Promise<unknown> | null {
    if (!this.#o.materialize) return null;
    const key = month.key;
    let loading: Promise<unknown> | null = null;
    if (this.#months.has(key)) {
      // Most recently used last (the Set keeps insertion order).
      this.#months.delete(key);
      this.#months.add(key);
      const queued = this.#monthLoads.get(key);
      if (queued && !queued.started && priority < queued.priority) loading = this.#request(queued, `-- facts ${key}`, priority);
    } else {
      this.#months.add(key);
      loading = this.#createFacts(month, priority).then(
        () => this.#months.has(key) && this.#in.add(`month ${key}`),
        (err: unknown) => {
          // Clients then report "table not found"; the next visit to this month tries again.
          this.#months.delete(key);
          this.#monthLoads.delete(key);
          this.#o.coordinator.logger().error(err);
          this.#o.failed?.(month, err);
        }
      );
    }
    this.#evict(new Set([key, ...pinned]));
    return loading;
  }

  /** Queues the whole source table's load once (a no-op without a loader: the table is there). */
  ensureTable(table: LoadableTable, priority: number = Priority.High): Promise<unknown> {
    const load = this.#o.loadTable;
    const known = this.#tables.get(table);
    if (!load) return Promise.resolve();
    if (known) {
      if (!known.load.started && priority < known.load.priority) return this.#request(known.load, `-- table ${table}`, priority);
      return known.done;
    }
    const queued = queuedLoad(() => load(table), priority);
    const loading = this.#request(queued, `-- table ${table}`, priority);
    loading.then(
      () => this.#in.add(`table ${table}`),
      (err: unknown) => {
        this.#tables.delete(table);
        this.#o.coordinator.logger().error(err);
      }
    );
    this.#tables.set(table, { load: queued, done: loading });
    return loading;
  }

  /** Whether any of these months' facts or source tables is still to be loaded (queued or under way). */
  loading(months: readonly Month[], tables: readonly LoadableTable[]): boolean {
    if (this.#o.materialize && months.some((m) => !this.#in.has(`month ${m.key}`))) return true;
    return !!this.#o.loadTable && tables.some((t) => !this.#in.has(`table ${t}`));
  }

  /** Queues a load's task as an exec request (mosaic hands the request's options to the connector, which runs the task). */
  #request(load: QueuedLoad, query: string, priority: number): Promise<unknown> {
    load.priority = Math.min(load.priority, priority);
    const task: TaskRequest['task'] = () => load.task().then(() => undefined);
    return Promise.resolve(this.#o.coordinator.manager.request({ type: 'exec', query, options: { task } }, priority));
  }

  /** Drops every facts table of this core. */
  dropAll(): void {
    const drops = [...this.#months].map((key) => `DROP TABLE IF EXISTS ${this.factsTable(toMonth(key))}`);
    for (const key of this.#months) this.#in.delete(`month ${key}`);
    this.#months.clear();
    this.#monthLoads.clear();
    if (drops.length) this.#o.coordinator.exec(drops).catch(() => undefined);
  }

  /**
   * Keeps the facts of the last few months besides those in use: each is one row per project
   * (≈ 0.3 GB of duckdb-wasm memory at 1M projects, npm run bench), and stepping through a year
   * would keep twelve. Queries of a dropped month were superseded; a later visit rebuilds it.
   */
  #evict(inUse: Set<string>): void {
    const spare = [...this.#months].filter((k) => !inUse.has(k));
    for (const old of spare.slice(0, Math.max(0, spare.length - this.#o.keep()))) {
      this.#months.delete(old);
      this.#monthLoads.delete(old);
      this.#in.delete(`month ${old}`);
      this.#o.coordinator.exec(`DROP TABLE IF EXISTS ${this.factsTable(toMonth(old))}`).catch(() => undefined);
    }
  }

  /** Loads or builds a month's facts table as an exec request. */
  #createFacts(month: Month, priority: number): Promise<unknown> {
    const table = this.factsTable(month);
    const load = this.#o.loadFacts;
    if (!load) {
      const statements = factsTableStatements({ table, month, rules: this.#o.rules, internal: this.#o.internal });
      return Promise.resolve(this.#o.coordinator.exec(statements, { priority }));
    }
    // mosaic holds every later request while an exec request runs.
    const queued = queuedLoad(() => load(month, table), priority);
    this.#monthLoads.set(month.key, queued);
    return this.#request(queued, `-- facts ${month.key} into ${table}`, priority);
  }
}
