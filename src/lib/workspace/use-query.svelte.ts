/**
 * A view's data client for the lifetime of the component (the pattern of mosaic's Svelte
 * example): created in `$effect`, destroyed in its cleanup. Whatever reactive state `spec()` reads
 * (a level, a metric, a prop) creates the client again when it changes. Its pending queries count
 * on the query core (the workspace's `pending`).
 *
 *   const districts = useQuery(() => ws, () => ({
 *     query: (ctx) => levelMetrics(ctx, 'district', ['gap_points', 'rag']),
 *     owns: ['district']
 *   }));
 *   {#each districts.rows as d}…{/each}
 */
import type { QueryError } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import type { ClientSpec } from '../db/coordinator-client.ts';
import type { Workspace } from './workspace.svelte.ts';

export class QueryState<Row = Record<string, unknown>> {
  /** The latest result; raw, never proxied. */
  table = $state.raw<Table | null>(null);
  /** The latest rows as plain objects (small results; a large one is read from `table`'s columns). */
  rows = $state.raw<Row[]>([]);
  /** A query is under way. */
  pending = $state(false);
  /** At least one result has come (before that a view shows no numbers rather than zeros). */
  loaded = $state(false);
  error = $state.raw<QueryError | null>(null);
}

export type QuerySpec = Omit<ClientSpec, 'result' | 'pending' | 'error'> & {
  /** Called with each result, besides `table`/`rows` being set (for views that transform it once). */
  result?(table: Table): void;
};

/**
 * `ws` is a getter (a component's prop): a view given another workspace makes its client again.
 * `rows: false` leaves `rows` empty (a large result is read from `table`); `keep: false` keeps
 * neither, for a view that turns each result into its own form in `result` (the map's points: a
 * million rows of Arrow kept here would stay alive until the next change, next to the map's copy).
 */
export function useQuery<Row = Record<string, unknown>>(
  ws: () => Workspace,
  spec: () => QuerySpec | null,
  options: { rows?: boolean; keep?: boolean } = {}
): QueryState<Row> {
  const state = new QueryState<Row>();
  $effect(() => {
    const core = ws().core;
    const s = spec();
    if (!s) return;
    const client = core.client({
      ...s,
      pending: () => (state.pending = true),
      result: (table) => {
        if (options.keep !== false) {
          state.table = table;
          if (options.rows !== false) state.rows = table.toArray() as Row[];
        }
        state.error = null;
        state.pending = false;
        state.loaded = true;
        s.result?.(table);
      },
      error: (error) => {
        state.error = error;
        state.pending = false;
      }
    });
    return () => client.destroy();
  });
  return state;
}
