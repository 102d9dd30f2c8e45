/**
 * The rows of a long table that are on screen, fetched in windows. Two clients of the query core:
 * the table's order (every selected row's key, sorted once per selection and sort) and the window
 * around the rows in view (the chosen columns of the keys at those positions, put in order here).
 * A window is then a lookup of 200 keys wherever it is, where `LIMIT … OFFSET n` sorted the
 * selection down to row n for each one (at 1M projects, tens of seconds at the table's end).
 * Scrolling asks for another window only when the rows in view leave the one held; a filter, month
 * or scope change asks for the order and then for the window in view. One window is asked at a
 * time, the latest position once it is in, so a fast scroll never waits for windows it passed.
 */
import type { Query } from '@uwdata/mosaic-sql';
import type { Table } from '@uwdata/flechette';
import type { QueryContext } from '../../db/coordinator-client.ts';
import type { LoadableTable } from '../../schema.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';

/** Rows per window: the screen's 20–40 rows and enough either side for a page of scrolling. */
export const WINDOW_ROWS = 200;
/** Asked at most this often while scrolling (the last position always is). */
const REQUEST_MS = 60;

export interface WindowQueries {
  /** Every row's key (`row_key`) in the table's order. */
  order(ctx: QueryContext): Query;
  /** The rows of these keys, in any order, each with its `row_key`. */
  rows(ctx: QueryContext, keys: Int32Array): Query;
  /** Source tables (or projections of them) both queries read (loaded ahead of them). */
  tables?: readonly LoadableTable[];
}

/** The rows of `keys` in their order, from a result in any order; a key without a row is left out. */
export function inKeyOrder<Row extends { row_key?: unknown }>(keys: ArrayLike<number>, found: readonly Row[]): Row[] {
  const byKey = new Map<number, Row>();
  for (const r of found) byKey.set(Number(r.row_key), r);
  const out: Row[] = [];
  for (let i = 0; i < keys.length; i++) {
    const r = byKey.get(keys[i]);
    if (r) out.push(r);
  }
  return out;
}

export class RowWindow<Row = Record<string, unknown>> {
  /** The table row of `rows[0]`. */
  offset = $state(0);
  rows = $state.raw<Row[]>([]);
  pending = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Bumped with every result (a view that waits for the rows of a change). */
  version = $state(0);
  #wanted = 0;
  #queried = 0;
  #request: (() => void) | null = null;
  /** The view moved while a window was on its way: ask again once it is in. */
  #again = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #last = 0;
  /** The table's order and the SQL that made it (a window reads these keys only for that order). */
  #order: { sql: string; keys: Int32Array } | null = null;
  /** The keys of the window asked for. */
  #asked: Int32Array | null = null;

  /** The row at a table index, or null while its window is not in. */
  at(index: number): Row | null {
    const i = index - this.offset;
    return i >= 0 && i < this.rows.length ? this.rows[i] : null;
  }

  /** The rows from `first` to `last` are in view: fetches their window unless it is held. */
  show(first: number, last: number): void {
    const held = this.#queried === this.offset && this.loaded;
    const covered = first >= this.#queried && last < this.#queried + WINDOW_ROWS;
    if (covered && (held || this.pending)) return;
    this.#wanted = Math.max(0, Math.floor((first + last) / 2 - WINDOW_ROWS / 2));
    // One window at a time: a query sent to DuckDB cannot be taken back, and a fast scroll
    // would queue one per step behind each other.
    if (this.pending) this.#again = true;
    else this.#schedule();
  }

  #settled(): void {
    this.pending = false;
    if (this.#again && this.#wanted !== this.#queried) this.#schedule();
    this.#again = false;
  }

  #schedule(): void {
    if (this.#timer) return;
    const wait = Math.max(0, this.#last + REQUEST_MS - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#last = performance.now();
      this.#request?.();
    }, wait);
  }

  /** Connects the table's clients for its queries; returns their destroy (use in `$effect`). */
  connect(ws: Workspace, queries: WindowQueries, from = 0): () => void {
    this.#wanted = from;
    this.#order = null;
    let orderSql = '';
    const order = ws.core.client({
      tables: queries.tables,
      query: (ctx) => {
        const q = queries.order(ctx);
        orderSql = String(q);
        return q;
      },
      pending: () => (this.pending = true),
      result: (table: Table) => {
        const keys = table.getChild('row_key')?.toArray() as ArrayLike<number> | undefined;
        this.#order = { sql: orderSql, keys: Int32Array.from(keys ?? []) };
        this.#request?.();
      },
      error: (err) => {
        this.error = err.message;
        this.#settled();
      }
    });
    const window = ws.core.client({
      tables: queries.tables,
      // Asked once the order is in: ahead of what other views still wait for (the milestones
      // page's first bars before the ledger its "what changed" reads).
      urgent: true,
      query: (ctx) => {
        // Until the order of this selection is in, the window waits for it (its result asks again).
        const held = this.#order;
        if (!held || held.sql !== String(queries.order(ctx))) return null;
        this.#queried = Math.min(this.#wanted, Math.max(0, held.keys.length - WINDOW_ROWS));
        this.#asked = held.keys.subarray(this.#queried, this.#queried + WINDOW_ROWS);
        return queries.rows(ctx, this.#asked);
      },
      pending: () => (this.pending = true),
      result: (table: Table) => {
        this.rows = inKeyOrder(this.#asked ?? [], table.toArray() as (Row & { row_key?: unknown })[]);
        this.offset = this.#queried;
        this.loaded = true;
        this.error = null;
        this.version++;
        this.#settled();
      },
      error: (err) => {
        this.error = err.message;
        this.#settled();
      }
    });
    this.#request = () => void window.requestQuery();
    return () => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      this.#request = null;
      window.destroy();
      order.destroy();
    };
  }
}
