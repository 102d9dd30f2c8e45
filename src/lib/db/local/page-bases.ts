/**
 * The month's page rows (page-rows.ts) and the source tables decoded in the page that row views'
 * bases computed in the page read (LocalSpec `fromPage`, `pageTables`: the open problems read the
 * problem ledger). A table is decoded once, when a base first needs it, and kept for the dataset
 * (the months share it); one that cannot be read leaves those views to the database.
 */
import type { Query } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../coordinator-client.ts';
import type { LoadableTable } from '../../schema.ts';
import type { LocalSpec } from './answers.ts';
import type { PageRows, PageTableName } from './page-rows.ts';

type FromPage = NonNullable<Extract<LocalSpec, { kind: 'rows' }>['fromPage']>;
export interface PageBase {
  fromPage?: FromPage;
  pageTables?: readonly PageTableName[];
}

/**
 * A row view's base to load ahead (Prefetch `rows`): its query; how the page computes the base when
 * it can (LocalSpec `fromPage`, `pageTables`), without the database; the source tables its query
 * reads (loaded only if it goes to the database); `pageOnly`: not at all if the page cannot make it.
 */
export type WarmRows =
  | ((ctx: QueryContext) => Query | string | null)
  | (PageBase & { query: (ctx: QueryContext) => Query | string | null; tables?: readonly LoadableTable[]; pageOnly?: boolean });

/** Decodes a source table in the page, in the form its bases read. */
export type PageTableLoader = (name: PageTableName) => Promise<unknown>;

interface TableState {
  loading: Promise<boolean>;
  value?: unknown;
  failed: boolean;
}

export class PageBases {
  readonly #load: PageTableLoader | undefined;
  readonly #error: (err: unknown) => void;
  #tables = new Map<PageTableName, TableState>();
  /** The month's page rows; null when the month has none (its index came from SQL, or it is too large). */
  rows: PageRows | null = null;

  constructor(load: PageTableLoader | undefined, error: (err: unknown) => void) {
    this.#load = load;
    this.#error = error;
  }

  /** Whether a base reading these tables is made here for the month: its rows are kept and its tables can be read. */
  answers(tables: readonly PageTableName[] = []): boolean {
    return this.rows !== null && tables.every((t) => (!!this.#load && !this.#tables.get(t)?.failed) || false);
  }

  /** The tables, when every one is in; null while one is not. */
  tables(names: readonly PageTableName[] = []): Partial<Record<PageTableName, unknown>> | null {
    const out: Partial<Record<PageTableName, unknown>> = {};
    for (const name of names) {
      const state = this.#tables.get(name);
      if (!state || !('value' in state)) return null;
      out[name] = state.value;
    }
    return out;
  }

  /** Resolves once every one of the tables is in (true), or one cannot be read (false). */
  tablesIn(names: readonly PageTableName[] = []): Promise<boolean> {
    return Promise.all(names.map((name) => this.#table(name))).then((ok) => ok.every(Boolean));
  }

  #table(name: PageTableName): Promise<boolean> {
    const known = this.#tables.get(name);
    if (known) return known.loading;
    if (!this.#load) return Promise.resolve(false);
    const state: TableState = { loading: Promise.resolve(false), failed: false };
    state.loading = this.#load(name).then(
      (value) => {
        state.value = value;
        return true;
      },
      (err: unknown) => {
        state.failed = true;
        this.#error(err);
        return false;
      }
    );
    this.#tables.set(name, state);
    return state.loading;
  }

  clear(): void {
    this.rows = null;
    this.#tables.clear();
  }
}
