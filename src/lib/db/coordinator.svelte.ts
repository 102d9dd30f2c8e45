/**
 * Svelte 5 helper: a view's data client, created in `$effect` and destroyed in its cleanup
 * (the pattern of mosaic's Svelte example). Whatever reactive state `spec()` reads (level,
 * metric, a prop) re-creates the client when it changes.
 *
 *   const districts = useQuery(() => session.core, () => ({
 *     query: (ctx) => levelMetrics(ctx, 'district', ['gap_points', 'rag']),
 *     owns: ['district']
 *   }));
 *   {#each districts.rows as d}…{/each}
 */
import type { QueryError } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import type { ClientSpec } from './coordinator-client.ts';
import type { QueryCore } from './coordinator.ts';

export class QueryState<Row = Record<string, unknown>> {
  /** The latest Arrow table; raw, never proxied. */
  table = $state.raw<Table | null>(null);
  /** The latest rows as plain objects (for small results; big ones should read `table` columns). */
  rows = $state.raw<Row[]>([]);
  pending = $state(false);
  error = $state.raw<QueryError | null>(null);
}

export function useQuery<Row = Record<string, unknown>>(
  core: () => QueryCore | null | undefined,
  spec: () => Pick<ClientSpec, 'query' | 'owns'> | null,
  options: { rows?: boolean } = {}
): QueryState<Row> {
  const state = new QueryState<Row>();
  $effect(() => {
    const c = core();
    const s = spec();
    if (!c || !s) return;
    const client = c.client({
      ...s,
      pending: () => (state.pending = true),
      result: (table) => {
        state.table = table;
        if (options.rows !== false) state.rows = table.toArray() as Row[];
        state.error = null;
        state.pending = false;
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
