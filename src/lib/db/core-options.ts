/**
 * What the query core is made with, the state it reports, and its settings: the console it logs
 * to, how many months' facts it keeps and how large a result its cache holds.
 */
import type { Connector, Logger } from '@uwdata/mosaic-core';
import type { LoadableTable, RulePreset } from '../schema.ts';
import type { Month } from '../metrics/month.ts';
import type { FilterState } from '../state/filters.ts';
import type { TableLoader } from './core-tables.ts';
import type { FactsLoader } from './month-facts.ts';
import type { PageTableLoader, WarmRows } from './local/page-bases.ts';
import type { LocalHost } from './local/local-answers.ts';

export interface QueryCoreOptions {
  connector: Connector;
  /** 'YYYY-MM' (or any form month.ts parses). */
  month: string | Month;
  /** A validated preset (rules/validate.ts); the default rules when absent. */
  preset?: RulePreset;
  /** False for a public build (no monthly/problems tables). Default true. */
  internal?: boolean;
  /** Where query errors are logged; default the console (warnings and errors only), null for none. */
  logger?: Logger | null;
  /**
   * Build each month's facts once as a table (default true) instead of in every
   * client query. Create a new core whenever the dataset's tables are reloaded.
   */
  materialize?: boolean;
  /**
   * Up to this many projects in the plan, views that declare a `local` kind are answered in the
   * page from the month's filter index (db/local/); 0 always asks the database. Default 1,200,000.
   */
  localLimit?: number;
  /** row_keys per slice of the filter index's load (tests: several slices on a small dataset). */
  localSliceKeys?: number;
  /**
   * Loads a month's facts into a table (the browser: the facts file the data pipeline wrote,
   * db/month-facts.ts). Without it each month's facts are built from the projects, monthly and
   * problems tables (Node scripts and tests).
   */
  loadFacts?: FactsLoader;
  /** Loads a source table whole when a client asks for it (the browser); without it the tables are there. */
  loadTable?: TableLoader;
  /**
   * A month's decoded facts chunks when the page can have them without the engine (LoadedDataset
   * `factsChunks`): the filter index is built from them (db/local/index-from-facts.ts) instead of
   * by SQL, and the views answered in the page need no database. `onChunk` is told of each chunk
   * as it is decoded, before the result resolves with them all (a host may not tell it).
   */
  factsChunks?: LocalHost['factsChunks'];
  /** Decodes a source table in the page, for row views whose base is made there (LocalSpec `pageTables`). */
  pageTable?: PageTableLoader;
  /**
   * The engine, started when something first needs it (the browser: db/engine-on-demand.ts).
   * With it, a month's facts go into DuckDB only once a request of this core has to go to the
   * database (a view the page cannot answer, a one-off query), and until the engine is in, a view
   * answered in the page is shown without waiting for those that wait for it. Without it the
   * engine is there from the outset and each month's facts are loaded as it is shown.
   */
  engine?: { readonly started: Promise<unknown> };
}

export interface CoreState {
  month: Month;
  filters: FilterState;
  /** The route's scope: applied to every client, those that own its dimensions too. */
  scope: Partial<FilterState>;
}

/** What to load ahead of a page that will need it. */
export interface Prefetch {
  months?: readonly (string | Month)[];
  tables?: readonly LoadableTable[];
  /**
   * Row views of the page answered in the page (their `local` is `rows`): their queries, whose
   * bases are loaded once the tables are (LocalAnswers `warm`).
   */
  rows?: readonly WarmRows[];
}

const nothing = () => undefined;
/** The console without mosaic's per-query debug lines ("Request: 12.3", "Cache"): warnings and errors only. */
export const QUIET_CONSOLE: Logger = {
  debug: nothing,
  info: nothing,
  log: nothing,
  group: nothing,
  groupCollapsed: nothing,
  groupEnd: nothing,
  warn: (...args) => console.warn(...args),
  error: (...args) => console.error(...args)
};
/** Months whose facts tables are kept (the current one and the last two visited)… */
export const KEEP_FACTS_MONTHS = 3;
/** …unless a month has more projects than this: then the current one only. */
export const LARGE_DATASET = 200_000;
/**
 * Query results kept for repeated queries (the query core's cache, result-cache.ts). A result larger
 * than this is never kept: at 1M projects the map's points (~40 MB) stayed alive in a 64 MB cache
 * next to the page's own copy of them (heap snapshot, npm run bench), and filter changes do not
 * repeat it.
 */
export const CACHE_BYTES = 16 * 2 ** 20;
/**
 * …and at most this many results: the one-off queries of a month (size reference, a filter's
 * values, hover names) and the last few dozen filter states of the views the page does not answer
 * itself (choropleth, table), so that a facet toggled off and on again is not asked twice. Bounded
 * by bytes alone, a small result costs next to nothing, and a choropleth's results piled up at one
 * a filter change (soak run: 1.3 KB of JS objects a change at 1k projects).
 */
export const CACHE_ENTRIES = 64;
