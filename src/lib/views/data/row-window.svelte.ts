/**
 * The rows of a long table that are on screen, fetched in windows: a client of the query core
 * whose query is the window around the rows in view (LIMIT/OFFSET on the table's order, `id`
 * last). Scrolling asks for another window only when the rows in view leave the one held; a
 * filter, month or scope change asks again for the window in view. One window is asked at a
 * time, the latest position once it is in, so a fast scroll never waits for windows it passed.
 */
import type { Query } from '@uwdata/mosaic-sql';
import type { Table } from '@uwdata/flechette';
import type { QueryContext } from '../../db/coordinator-client.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';

/** Rows per window: the screen's 20–40 rows and enough either side for a page of scrolling. */
export const WINDOW_ROWS = 200;
/** Asked at most this often while scrolling (the last position always is). */
const REQUEST_MS = 60;

export type WindowQuery = (ctx: QueryContext, offset: number, limit: number) => Query;

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

  /** Connects the window's client for a query; returns its destroy (use in `$effect`). */
  connect(ws: Workspace, query: WindowQuery, from = 0): () => void {
    this.#wanted = from;
    const client = ws.core.client({
      query: (ctx) => {
        this.#queried = this.#wanted;
        return query(ctx, this.#queried, WINDOW_ROWS);
      },
      pending: () => (this.pending = true),
      result: (table: Table) => {
        this.rows = table.toArray() as Row[];
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
    this.#request = () => void client.requestQuery();
    return () => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      this.#request = null;
      client.destroy();
    };
  }
}
