/**
 * The query core's page-side answers: per month, loads the filter index and the unfiltered rows
 * of each row view (low priority, after the views' own queries), then answers the views that
 * declare a `local` kind from them. Anything it cannot answer yet, or at all, goes to the
 * database as before.
 */
import { Priority } from '@uwdata/mosaic-core';
import type { Query } from '@uwdata/mosaic-sql';
import type { CoreClient, QueryContext } from '../coordinator-client.ts';
import type { FilterState } from '../../state/dimensions.ts';
import type { FactsSource } from '../../metrics/query.ts';
import type { LoadableTable } from '../../schema.ts';
import { scopeMask, selectMask, type FilterIndex } from './filter-index.ts';
import { intersect } from './masks.ts';
import type { MetricRules } from '../../metrics/preset.ts';
import { dictionaryQuery, IndexBuilder, indexShapeQuery, indexSliceQuery, readDictionaries, readShape, type Rows } from './index-loader.ts';
import { perfMark } from '../../perf.ts';
import { FactsColumns, type FactsChunk } from './facts-columns.ts';
import { indexFromFacts, PAGE_FACTS_READS } from './index-from-facts.ts';
import { pageRowsFromFacts } from './page-rows.ts';
import { PageBases, type PageBase, type PageTableLoader, type WarmRows } from './page-bases.ts';

export type { WarmRows } from './page-bases.ts';
import { TOP_ROWS_LIMIT } from './top-rows.ts';
import {
  countBy,
  inputsTable,
  listValues,
  localRowsBase,
  metricsTable,
  rowsBase,
  selectRows,
  selectedRows,
  type LocalTable,
  type RowsBase,
  type SourceTable
} from './answers.ts';

/**
 * Projects in the plan up to which a dataset is answered in the page: about 130 bytes each in
 * the filter index, plus the map's base points (npm run bench at 1M: scripts/bench/README.md).
 */
export const LOCAL_LIMIT = 1_200_000;
/** row_keys per slice of the index's load (index-loader.ts). */
export const SLICE_KEYS = 50_000;

/** What a page answer depends on besides the client. */
export interface AnswerState {
  month: { key: string; index: number };
  filters: FilterState;
  scope: Partial<FilterState>;
  rules: MetricRules;
  internal: boolean;
}

export interface LocalHost {
  query(query: Query | string, options: { cache: boolean; priority: number }): Promise<unknown>;
  context(client?: CoreClient): QueryContext;
  error(err: unknown): void;
  /**
   * The month's decoded facts chunks, when the page has them (the index is then built without SQL);
   * `onChunk` is told of each as it is decoded, if the host can.
   */
  factsChunks?: (monthKey: string, onChunk?: (chunk: FactsChunk, rows: number) => void) => Promise<FactsChunk[]> | null;
  /** The month's index is in (`complete`: the row views' bases too): views waiting for the database can be answered here. */
  indexed?: (complete: boolean) => void;
  /** Decodes a source table in the page for bases computed here (LocalSpec `pageTables`). */
  pageTable?: PageTableLoader;
}

export class LocalAnswers {
  readonly #host: LocalHost;
  readonly #limit: number;
  /** The dataset has more in-plan projects than the limit: never answer here. */
  #tooLarge = false;
  #month: string | null = null;
  #index: FilterIndex | null = null;
  /** The month's decoded facts while its index and row bases are made from them (let go after). */
  #facts: FactsColumns | null = null;
  /** What is kept of them for row views that compute their base in the page (`fromPage`), and the tables those read. */
  readonly #pages: PageBases;
  /**
   * The unfiltered rows of each row view's query for the month, by its SQL text: a view that is
   * created again (a page left and visited again) finds its base still there.
   */
  #bases = new Map<string, RowsBase>();
  #loadingBases = new Set<string>();
  /** Unfiltered results of row views that came before the month's index, by SQL text. */
  #adopted = new Map<string, { month: string; table: SourceTable }>();
  #keys = new WeakMap<CoreClient, { month: string | null; key: string | null }>();
  #ready: Promise<boolean> = Promise.resolve(false);
  /** The month whose index is being built from its decoded facts (no database needed). */
  #fromFactsMonth: string | null = null;
  /** The month whose index could not be made: its views ask the database. */
  #failedMonth: string | null = null;
  #projects = 0;
  readonly #sliceKeys: number;

  constructor(host: LocalHost, limit = LOCAL_LIMIT, sliceKeys = SLICE_KEYS) {
    this.#host = host;
    this.#pages = new PageBases(host.pageTable, (err) => host.error(err));
    this.#limit = limit;
    this.#sliceKeys = sliceKeys;
  }

  /** The most projects in the plan of any month whose index was asked for (0 before any). */
  get projects(): number {
    return this.#projects;
  }

  /** Starts loading the month's index (and row views' bases) unless it is there or too large. */
  prepare(month: string, facts: FactsSource, clients: () => Iterable<CoreClient>): void {
    if (this.#tooLarge || this.#limit <= 0 || this.#month === month) return;
    this.#month = month;
    if (this.#failedMonth === month) this.#failedMonth = null;
    this.#index = null;
    this.#facts = null;
    this.#pages.rows = null;
    this.#bases.clear();
    this.#loadingBases.clear();
    for (const [key, a] of this.#adopted) if (a.month !== month) this.#adopted.delete(key);
    const current = () => this.#month === month;
    const ask = (q: Query) => this.#host.query(q, { cache: false, priority: Priority.Low }) as Promise<Rows>;
    // Started out here: the closure below (alive until every row view's base is in, which may wait
    // for the engine) would otherwise hold the decoded month (285 MB at 1M projects) that long.
    const chunks = this.#readFacts(month, current);
    this.#fromFactsMonth = chunks ? month : null;
    // No facts to build it from (a month the engine holds): views that waited for an index from
    // them ask the database meanwhile (coming()).
    if (!chunks && this.#host.factsChunks) this.#host.indexed?.(false);
    const fromFacts = chunks ? this.#fromFacts(chunks, current) : null;
    this.#ready = (async () => {
      const index = fromFacts ? await fromFacts : await this.#fromSql(facts, current, ask);
      if (!index || !current()) return false;
      this.#index = index;
      if (this.#facts && index.length <= TOP_ROWS_LIMIT) this.#pages.rows = pageRowsFromFacts(this.#facts, index);
      perfMark('local-index');
      // Row views that compute their base from the decoded facts need no database either.
      if (this.#facts) for (const c of clients()) this.#baseFromFacts(c, this.#facts);
      this.#facts = null;
      this.#host.indexed?.(false);
      const rowViews = [...clients()].filter((c) => c.local?.kind === 'rows');
      await Promise.all(rowViews.map((c) => this.#loadBase(c)));
      if (!current()) return false;
      perfMark('local-ready');
      this.#host.indexed?.(true);
      return true;
    })().catch((err: unknown) => {
      // A month left meanwhile may have had its facts table dropped: not an error.
      if (!current()) return false;
      this.#month = null;
      this.#failedMonth = month;
      this.#host.error(err);
      // The views that waited for it ask the database.
      this.#host.indexed?.(false);
      return false;
    });
  }

  /** The index built by SQL (index-loader.ts): its shape, dictionaries, then slices of row_key. */
  async #fromSql(facts: FactsSource, current: () => boolean, ask: (q: Query) => Promise<Rows>): Promise<FilterIndex | null> {
    const shape = readShape(await ask(indexShapeQuery(facts)));
    this.#projects = Math.max(this.#projects, shape.rows);
    if (!current()) return null;
    if (shape.rows > this.#limit) return this.#leaveOut();
    const builder = new IndexBuilder(shape, readDictionaries(await ask(dictionaryQuery(facts))));
    for (let from = 0; from <= shape.maxKey; from += this.#sliceKeys) {
      if (!current()) return null;
      builder.add(await ask(indexSliceQuery(facts, builder.dictionaries, from, from + this.#sliceKeys)));
    }
    return builder.done();
  }

  /**
   * The month's decoded facts, its columns read from each chunk as it is decoded (while the worker
   * decodes the next); null when the page has none. A method of its own: the closures that hold
   * the columns share no scope with prepare()'s longer-lived ones.
   */
  #readFacts(month: string, current: () => boolean): Promise<FactsColumns> | null {
    const reading = new FactsColumns([], PAGE_FACTS_READS);
    let told = 0;
    let unread: unknown = null;
    const onChunk = (chunk: FactsChunk, rows: number) => {
      told++;
      if (!current() || unread) return;
      try {
        reading.add(chunk, rows);
      } catch (err) {
        unread = err;
      }
    };
    // A host that does not tell each chunk gives them all at the end.
    return (
      this.#host.factsChunks?.(month, onChunk)?.then((decoded) => {
        if (unread) throw unread;
        for (const c of decoded.slice(told)) reading.add(c);
        return reading;
      }) ?? null
    );
  }

  /** The index built from the decoded facts, without the engine (index-from-facts.ts). */
  async #fromFacts(chunks: Promise<FactsColumns>, current: () => boolean): Promise<FilterIndex | null> {
    const facts = await chunks;
    if (!current()) return null;
    const built = indexFromFacts(facts, this.#limit);
    if (!('tooLarge' in built)) this.#facts = facts;
    const rows = 'tooLarge' in built ? built.tooLarge : built.length;
    this.#projects = Math.max(this.#projects, rows);
    return 'tooLarge' in built ? this.#leaveOut() : built;
  }

  /** A row view's base from the decoded facts, when it computes one (LocalSpec `fromFacts`). */
  #baseFromFacts(client: CoreClient, facts: FactsColumns): void {
    const spec = client.local;
    if (spec?.kind !== 'rows' || !spec.fromFacts || !this.#index) return;
    const key = this.#baseKey(client);
    if (key === null || this.#bases.has(key)) return;
    this.#bases.set(key, localRowsBase(spec.fromFacts(facts), this.#index));
    perfMark('local-base-from-facts');
  }

  /**
   * Whether a view of this kind will be answered here once the month's index is in, which is being
   * built from its decoded facts (or about to be: `prepare` is queued): it can wait for that rather
   * than ask the database. A row view needs its base from the facts too (`fromFacts`).
   */
  coming(client: CoreClient, month: string): boolean {
    const spec = client.local;
    if (!spec || !this.#host.factsChunks || this.#tooLarge || this.#limit <= 0 || this.#failedMonth === month) return false;
    if (spec.kind === 'rows' && !spec.fromFacts && !spec.fromPage) return false;
    if (this.#month !== month) return true;
    if (this.#index === null) return this.#fromFactsMonth === month;
    // A base made in the page once the tables it reads are decoded.
    return spec.kind === 'rows' && !!spec.fromPage && this.#pages.answers(spec.pageTables);
  }

  /** Whether a row view's base is (or will be) made in the page for the month: the source tables its query reads need not be loaded into the database. */
  basedInPage(client: CoreClient, month: string): boolean {
    const spec = client.local;
    return spec?.kind === 'rows' && !!spec.fromPage && this.coming(client, month);
  }

  /** More projects in the plan than the limit: nothing of this dataset is answered here. */
  #leaveOut(): null {
    this.#tooLarge = true;
    this.#month = null;
    // The views that waited for it ask the database.
    queueMicrotask(() => this.#host.indexed?.(false));
    return null;
  }

  /** Whether the current month is answered here, once its index and row bases are loaded (tests, benchmarks). */
  get ready(): Promise<boolean> {
    return this.#ready;
  }

  /**
   * The client's result for the month, filters and route scope (applied to every client, its
   * own dimensions included; a filter's choices, `values`, whatever they are), or null to ask the
   * database.
   */
  answer(client: CoreClient, state: AnswerState): LocalTable | null {
    const spec = client.local;
    const index = this.#index;
    if (!spec || !index || this.#month !== state.month.key) return null;
    if (spec.kind === 'values') return listValues(index, spec.column);
    const baseKey = spec.kind === 'rows' ? this.#baseKey(client) : null;
    if (baseKey !== null && !this.#bases.has(baseKey)) {
      void this.#loadBase(client);
      if (!this.#bases.has(baseKey)) return null;
    }
    const filtered = selectMask(index, state.filters, client.owns);
    const scoped = scopeMask(index, state.scope);
    const mask = scoped ? intersect([filtered, scoped]) : filtered;
    if (spec.kind === 'rows') {
      const base = this.#bases.get(baseKey!)!;
      return spec.selection ? selectedRows(base, mask) : selectRows(base, mask);
    }
    if (spec.kind === 'counts') return countBy(index, mask, spec.column);
    if (spec.kind === 'inputs') return inputsTable(index, mask, spec.inputs, spec.by ?? []);
    return metricsTable(index, mask, spec.metrics, spec.by ?? [], { monthIndex: state.month.index, rules: state.rules }, state.internal);
  }

  clear(): void {
    this.#facts = null;
    this.#pages.clear();
    this.#adopted.clear();
    this.#month = null;
    this.#index = null;
    this.#bases.clear();
    this.#loadingBases.clear();
  }

  /** The SQL text of a row view's unfiltered query for the month (its base's key); null if it has none. */
  #baseKey(client: CoreClient): string | null {
    const known = this.#keys.get(client);
    if (known && known.month === this.#month) return known.key;
    const query = client.queryFor({ ...this.#host.context(client), filter: undefined });
    const key = query ? String(query) : null;
    this.#keys.set(client, { month: this.#month, key });
    return key;
  }

  /**
   * Loads the base of a row view before the view is made (a page a click is likely to open, the
   * month's index first): its first answer is then cut here instead of waiting for the database.
   * `query` is the view's own query; its text must be the one the view's client makes. Resolves
   * whether the base was made in the page (nothing of it then needs the database).
   */
  async warm(rows: WarmRows, loadTables: (tables: readonly LoadableTable[]) => Promise<unknown> = async () => undefined): Promise<boolean> {
    if (!(await this.#ready) || !this.#index) return false;
    const warm = typeof rows === 'function' ? { query: rows } : rows;
    const ctx = { ...this.#host.context(), filter: undefined };
    const query = warm.query(ctx);
    if (query === null) return false;
    const key = String(query);
    await this.#fromPage(key, warm, ctx);
    if (this.#bases.has(key)) return true;
    if ('pageOnly' in warm && warm.pageOnly) return false;
    await loadTables(('tables' in warm && warm.tables) || []);
    await this.#loadBaseOf(key);
    return false;
  }

  #loadBase(client: CoreClient): Promise<void> {
    const key = this.#baseKey(client);
    if (key === null) return Promise.resolve();
    const spec = client.local;
    const inPage = spec?.kind === 'rows' ? this.#fromPage(key, spec, this.#host.context(client)) : null;
    return inPage ?? this.#loadBaseOf(key);
  }

  /**
   * Makes a row view's base in the page (LocalSpec `fromPage`) when the month's page rows are kept:
   * at once, or once the page tables it reads are decoded (the views waiting for it are then asked
   * again, coming()). Null when it is not made here.
   */
  #fromPage(key: string, spec: PageBase, ctx: Pick<QueryContext, 'month' | 'rules'>): Promise<void> | null {
    const { fromPage, pageTables = [] } = spec;
    const index = this.#index;
    if (this.#bases.has(key)) return Promise.resolve();
    if (!fromPage || !index || !this.#pages.answers(pageTables)) return null;
    const month = this.#month;
    const build = () => {
      const rows = this.#pages.rows;
      const tables = this.#pages.tables(pageTables);
      if (this.#month !== month || this.#bases.has(key) || !rows || !tables) return;
      this.#bases.set(key, localRowsBase(fromPage(rows, { month: ctx.month, rules: ctx.rules, tables }), index));
      perfMark('local-base-from-page');
    };
    if (this.#pages.tables(pageTables)) {
      build();
      return Promise.resolve();
    }
    return this.#pages.tablesIn(pageTables).then((ok) => {
      if (this.#month !== month) return;
      if (ok) build();
      // Answered here now, or (a table that cannot be read) by the database.
      this.#host.indexed?.(false);
    });
  }

  #loadBaseOf(key: string): Promise<void> {
    if (this.#loadingBases.has(key) || this.#bases.has(key) || !this.#index) return Promise.resolve();
    const adopted = this.#adopted.get(key);
    this.#adopted.delete(key);
    if (adopted?.month === this.#month) {
      this.#bases.set(key, rowsBase(adopted.table, this.#index));
      return Promise.resolve();
    }
    const month = this.#month;
    this.#loadingBases.add(key);
    return this.#host
      .query(key, { cache: false, priority: Priority.Low })
      .then((table) => {
        if (this.#month !== month || !this.#index || !this.#loadingBases.has(key)) return;
        this.#loadingBases.delete(key);
        this.#bases.set(key, rowsBase(table as SourceTable, this.#index));
      })
      .catch((err: unknown) => {
        this.#loadingBases.delete(key);
        if (this.#month === month) this.#host.error(err);
      });
  }

  /**
   * A database result of a client: when it is the unfiltered query of a row view for the
   * loading month, it becomes that view's base (at 1M projects, the map's first points query
   * is a million sorted rows: asking for them twice cost seconds and memory).
   */
  adopt(client: CoreClient, query: Query | string, table: unknown): void {
    if (client.local?.kind !== 'rows' || this.#month === null) return;
    const key = this.#baseKey(client);
    if (key === null || key !== String(query) || this.#bases.has(key)) return;
    if (this.#index) this.#bases.set(key, rowsBase(table as SourceTable, this.#index));
    else this.#adopted.set(key, { month: this.#month, table: table as SourceTable });
  }
}
