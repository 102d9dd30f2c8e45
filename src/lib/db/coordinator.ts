/**
 * The query core: one coordinator that owns all database access and the cross-filter state
 * (filters, month). Views are clients (coordinator-client.ts); a filter a view sets does not
 * filter that view. Built on mosaic-core's Coordinator and a crossfilter Selection.
 *
 *   const core = createQueryCore({ connector: asyncDuckDBConnector(db), month: '2022-06', preset });
 *   core.client({ query: (ctx) => metricsQuery({ ...ctx, level: 'district' }), result: (t) => … });
 *   core.setFilter('sector', ['industry']);
 */
import { Priority, type MosaicClient } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import type { Query } from '@uwdata/mosaic-sql';
import { toMonth, type Month } from '../metrics/month.ts';
import type { LoadableTable } from '../schema.ts';
import { metricRules, type MetricRules } from '../metrics/preset.ts';
import { factsRelation, type FactsSource } from '../metrics/query.ts';
import { emptyFilters, type FilterDimension, type FilterState } from '../state/filters.ts';
import { clone, CoreFilters } from './core-filters.ts';
import { CoreClient, type ClientSpec, type QueryContext } from './coordinator-client.ts';
import { coreCoordinator, type SupersedingCoordinator } from './core-coordinator.ts';
import { CoreTables } from './core-tables.ts';
import { MonthInDatabase } from './month-in-database.ts';
import { KEEP_FACTS_MONTHS, LARGE_DATASET, type CoreState, type Prefetch, type QueryCoreOptions } from './core-options.ts';

export type { CoreState, Prefetch, QueryCoreOptions } from './core-options.ts';
import { PendingClients } from './pending-clients.ts';
import { LocalAnswers, LOCAL_LIMIT } from './local/local-answers.ts';
import { cutRankedList } from './local/top-rows.ts';
import { benchExpose, perfMark } from '../perf.ts';

let coreCount = 0;

export class QueryCore {
  readonly coordinator: SupersedingCoordinator;
  readonly #filterState = new CoreFilters();
  /** Crossfilter selection holding one clause per filter dimension. */
  readonly selection = this.#filterState.selection;
  readonly rules: MetricRules;
  readonly internal: boolean;
  #month: Month;
  #listeners = new Set<(state: CoreState) => void>();
  #factsErrorListeners = new Set<(month: Month, err: unknown) => void>();
  /** Clients with a query under way. */
  readonly #pending = new PendingClients<MosaicClient>();
  readonly #tables: CoreTables;
  readonly #local: LocalAnswers;
  #interactive = false;
  readonly #inDatabase: MonthInDatabase;

  constructor(options: QueryCoreOptions) {
    this.coordinator = coreCoordinator(options);
    this.#month = toMonth(options.month);
    this.rules = metricRules(options.preset);
    this.internal = options.internal ?? true;
    this.#tables = new CoreTables({
      coordinator: this.coordinator,
      id: ++coreCount,
      rules: this.rules,
      internal: this.internal,
      materialize: options.loadFacts !== undefined || (options.materialize ?? true),
      loadFacts: options.loadFacts,
      loadTable: options.loadTable,
      keep: () => (this.#local.projects > LARGE_DATASET ? 0 : KEEP_FACTS_MONTHS - 1),
      failed: (month, err) => {
        for (const listener of this.#factsErrorListeners) listener(month, err);
      }
    });
    this.#local = new LocalAnswers(
      {
        query: (q, opts) => this.coordinator.query(q, opts),
        // A row view's base: its query without filter (LocalAnswers) and, for a ranked list, without LIMIT.
        context: (client) => ({ ...this.context(client), base: true }),
        error: (err) => this.coordinator.logger().error(err),
        factsChunks: options.factsChunks,
        pageTable: options.pageTable,
        indexed: (complete) => this.#indexed(complete)
      },
      options.localLimit ?? LOCAL_LIMIT,
      options.localSliceKeys
    );
    this.#inDatabase = new MonthInDatabase(this.#tables, !options.engine);
    if (options.engine) {
      this.coordinator.engineStarted = false;
      options.engine.started.then(
        () => this.#engineIn(),
        () => undefined
      );
    }
    this.coordinator.beforeDatabase = () => this.#inDatabase.needed(this.#month, () => this.#pinned());
    this.coordinator.answerLocally = (client) => {
      if (!(client instanceof CoreClient)) return null;
      const answer = this.#local.answer(client, {
        month: this.#month,
        filters: this.#filterState.current,
        scope: this.#filterState.currentScope,
        rules: this.rules,
        internal: this.internal
      });
      return cutRankedList(client.local, answer);
    };
    this.coordinator.waitsForPage = (client) => client instanceof CoreClient && this.#local.coming(client, this.#month.key);
    this.coordinator.waitsForLoads = (client) =>
      client instanceof CoreClient && this.#tables.loading(client.monthsFor(this.#month), client.tables);
    this.coordinator.isUrgent = (client) => client instanceof CoreClient && client.urgent;
    this.coordinator.onDatabaseResult = (client, query, data) => {
      if (client instanceof CoreClient) this.#local.adopt(client, query, data);
    };
    this.#ensureFacts();
    perfMark('core-created');
    benchExpose('core', this);
  }

  get month(): Month {
    return this.#month;
  }

  /** A copy of the current filters. */
  get filters(): FilterState {
    return clone(this.#filterState.current);
  }

  /** A copy of the route's scope. */
  get scope(): Partial<FilterState> {
    return clone(this.#filterState.currentScope);
  }

  get state(): CoreState {
    return { month: this.#month, filters: this.filters, scope: this.scope };
  }

  /** Clients with a query under way (the pages' loading indication). */
  get pending(): number {
    return this.#pending.size;
  }

  /**
   * The context a client's query is built from. For a client, the months and tables it declares
   * are queued ahead of its query here, just before the query is made.
   */
  context(client?: MosaicClient): QueryContext {
    if (client instanceof CoreClient) this.#ensureNeeds(client);
    return {
      filter: this.#filterState.predicate(client),
      month: this.#month,
      rules: this.rules,
      internal: this.internal,
      facts: this.factsOf(this.#month),
      factsOf: (month) => this.factsOf(month)
    };
  }

  /** The FROM entry of a month's facts (a client reads another month than the current one through its `months`). */
  factsOf(month: Month): FactsSource {
    return this.#tables.materialize ? { facts: this.#tables.factsTable(month) } : factsRelation(month, this.rules, this.internal);
  }

  /** Sets one filter dimension; an empty value clears it. Clients re-query; a newer change supersedes. */
  setFilter<D extends FilterDimension>(dim: D, value: FilterState[D]): void {
    this.update({ filters: { [dim]: value } });
  }

  /**
   * Sets several dimensions (e.g. from the URL), the month and the route's scope, in one go: the
   * clients query once with all of it. A scope (e.g. "this district" on a district page) filters
   * every client, those that own its dimensions too; `{}` clears it. With `requery: false` the
   * clients connected now are not asked again (their outstanding queries are cancelled): they
   * belong to a page about to be replaced, whose views query the new state when they connect.
   */
  update(
    { month, filters = {}, scope }: { month?: string | Month; filters?: Partial<FilterState>; scope?: Partial<FilterState> },
    { requery = true }: { requery?: boolean } = {}
  ): void {
    const next = month ? toMonth(month) : this.#month;
    const monthChanged = next.key !== this.#month.key;
    const changed = this.#filterState.changed(filters);
    const scopeChanged = this.#filterState.setScope(scope);
    if (!monthChanged && !scopeChanged && !changed.length) return;
    this.#month = next;
    // Only a new month loads facts and lets go of old ones: a filter or scope change keeps the
    // months a page that just went had loaded (district → sector page: its month series).
    if (monthChanged) this.#ensureFacts();
    const cancelled = this.coordinator.supersedeAll();
    // A cancelled query will not answer: its client is pending again only if it asks again (a
    // client whose query is now none never would, and the page would look busy for good).
    for (const client of cancelled) this.#pending.set(client, false);
    if (!changed.length && requery) {
      for (const client of this.coordinator.clients) client.requestQuery();
    }
    this.#filterState.apply(changed, filters, requery);
    // The owners of the last clause are skipped by the selection update; they still need
    // the new month or the batch's other filters.
    // A view whose query of the previous change was cancelled is asked again too.
    const last = changed.at(-1);
    if (last && requery)
      for (const client of this.#filterState.owners(last))
        if (monthChanged || scopeChanged || changed.length > 1 || cancelled.has(client)) client.requestQuery();
    this.#emit();
  }

  /** Sets the route's scope (a partial filter state applied to every client); `{}` for none. */
  setScope(scope: Partial<FilterState>): void {
    this.update({ scope });
  }

  setMonth(month: string | Month): void {
    this.update({ month });
  }

  clearFilters(): void {
    this.update({ filters: emptyFilters() });
  }

  /** Connects a view's client; call `destroy()` on it when the view goes. Its pending queries count in `pending`. */
  client(spec: ClientSpec): CoreClient {
    const settle = () => this.#pending.set(client, false);
    const client: CoreClient = new CoreClient(
      this,
      {
        ...spec,
        pending: () => {
          this.#pending.set(client, true);
          spec.pending?.();
        },
        result: (data) => {
          settle();
          spec.result(data);
        },
        error: (err) => {
          settle();
          spec.error?.(err);
        }
      },
      this.selection
    );
    this.#filterState.own(client, client.owns);
    this.coordinator.connect(client);
    return client;
  }

  release(client: MosaicClient): void {
    this.#filterState.release(client);
    this.#pending.release(client);
  }

  /** Called whenever the number of clients with a query under way changes. */
  onPending(listener: (pending: number) => void): () => void {
    return this.#pending.listen(listener);
  }

  /** Called when a month's facts cannot be loaded (the current month's, or another a client or a prefetch asked for). */
  onFactsError(listener: (month: Month, err: unknown) => void): () => void {
    this.#factsErrorListeners.add(listener);
    return () => this.#factsErrorListeners.delete(listener);
  }

  /**
   * Loads months' facts and source tables a page will need, behind the queries of the page shown
   * (low priority): a page that declares them finds them in. Resolves, for each of `rows`, whether
   * its base was made in the page.
   */
  prefetch({ months = [], tables = [], rows = [] }: Prefetch): Promise<boolean[]> {
    // The month shown and every month of this prefetch are in use: one prefetched month must not
    // let go of another (or of the month shown) to stay within the few months kept.
    const inUse = [this.#month.key, ...months.map((m) => toMonth(m).key), ...this.#pinned()];
    const loads = [
      ...months.map((m) => this.#tables.ensureMonth(toMonth(m), inUse, Priority.Low)),
      ...tables.map((t) => this.#tables.ensureTable(t, Priority.Low))
    ];
    // A row view's base reads the tables (the open problems: the ledger).
    const loadTables = (needed: readonly LoadableTable[]) => Promise.all(needed.map((t) => this.#tables.ensureTable(t, Priority.Low)));
    return Promise.all(loads).then(() => Promise.all(rows.map((query) => this.#local.warm(query, loadTables))));
  }

  /** A one-off query (export, tooltip) through the same coordinator and cache. */
  query(query: Query | string): Promise<Table> {
    return this.coordinator.query(query);
  }

  /**
   * Resolves true once the month's views that can be answered in the page are (the filter
   * index is loaded), false when the dataset is too large or the month changed meanwhile.
   */
  async localReady(): Promise<boolean> {
    await Promise.resolve(); // after #prepareLocal's microtask of the latest change
    return this.#local.ready;
  }

  /** Called after every filter or month change, e.g. to write the URL. */
  onChange(listener: (state: CoreState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Disconnects every client and drops this core's facts tables. */
  destroy(): void {
    this.coordinator.clear({ clients: true, cache: true });
    this.#listeners.clear();
    this.#factsErrorListeners.clear();
    this.#pending.clear();
    this.#local.clear();
    this.#tables.dropAll();
  }

  /** A new month: its page index and, once this core uses the database, its facts table (exec requests go first). */
  #ensureFacts(): void {
    this.#prepareLocal();
    this.#inDatabase.shown(this.#month, () => this.#pinned());
  }

  /**
   * Resolves once the month shown is in the database (or could not be put there); null while it is
   * not going there (nothing has needed the database yet). Work behind the page waits for it rather
   * than run beside the month's insert.
   */
  factsInDatabase(): Promise<void> | null {
    return this.#inDatabase.whenIn(this.#month.key);
  }

  /**
   * The month shown goes into the database now, as before a first database request: work behind the
   * page that starts the engine ahead of a need (engine-start.ts 'idle') puts the month there too.
   */
  useDatabase(): void {
    this.#inDatabase.needed(this.#month, () => this.#pinned());
  }

  /** Months that connected clients read besides the current one. */
  #pinned(): string[] {
    const months: string[] = [];
    for (const client of this.coordinator.clients)
      if (client instanceof CoreClient) months.push(...client.monthsFor(this.#month).map((m) => m.key));
    return months;
  }

  /**
   * Queues what a client reads besides the current month's facts just ahead of its query, at its
   * query's priority: behind the queries of views asked before it, which do not read them (the
   * Gantt's rows before the ledger the milestones page's "what changed" reads).
   */
  #ensureNeeds(client: CoreClient): void {
    const months = client.monthsFor(this.#month);
    const inUse = [this.#month.key, ...months.map((m) => m.key), ...this.#pinned()];
    // A month already queued is queued again ahead of this query if it waits behind it (a prefetch).
    for (const month of months) this.#tables.ensureMonth(month, inUse, Priority.Normal);
    // A base made in the page reads its tables there (LocalSpec `pageTables`): not the engine's.
    if (this.#local.basedInPage(client, this.#month.key)) return;
    for (const table of client.tables) this.#tables.ensureTable(table, Priority.Normal);
  }

  /**
   * The month's index is in: the views it answers are asked again (their queries may be waiting
   * for the engine) and shown at once; the first time, the page is interactive.
   */
  #indexed(complete: boolean): void {
    for (const client of this.coordinator.clients)
      if (client instanceof CoreClient && client.local && this.coordinator.outstandingFor(client)) client.requestQuery();
    if (!complete || this.#interactive) return;
    this.#interactive = true;
    this.coordinator.whenDelivered().then(() => perfMark('interactive'));
  }

  /** The engine has started: what waited for it is answered with the rest again. */
  #engineIn(): void {
    this.coordinator.engineStarted = true;
    perfMark('engine-in');
  }

  /** Whether views waiting for the engine are asked (pages show that they wait). */
  get engineStarted(): boolean {
    return this.coordinator.engineStarted;
  }

  /** Queued after the facts table (exec requests go first) and, at low priority, after the views' queries. */
  #prepareLocal(): void {
    const month = this.#month.key;
    queueMicrotask(() => {
      if (this.#month.key === month) this.#local.prepare(month, this.context().facts, () => this.coordinator.clients as Set<CoreClient>);
    });
  }

  #emit(): void {
    const state = this.state;
    for (const listener of this.#listeners) listener(state);
  }
}

export function createQueryCore(options: QueryCoreOptions): QueryCore {
  return new QueryCore(options);
}
