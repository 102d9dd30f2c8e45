/**
 * The map's problems layer as a query-core client: the selected projects with open problems (from
 * the ledger's rows, under the ledger's own filters on its page), read while the layer is on.
 */
import type { ProblemMarkerRow } from '$lib/map/problem-rings.ts';
import { problemMarkersQuery } from '$lib/queries/problems.ts';
import { useQuery } from '$lib/workspace/use-query.svelte.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';
import type { LedgerFilter } from '../problems/ledger-state.ts';
import type { MapSettings } from './map-settings.svelte.ts';

export interface ProblemMarkers {
  /** The marked projects; the last ones read while the layer is off (they are then not drawn). */
  readonly rows: readonly ProblemMarkerRow[];
}

/** Call during a component's initialisation (it owns a query client): a change of the ledger's filters makes the client again. */
export function useProblemMarkers(
  ws: () => Workspace,
  ms: () => MapSettings,
  filter: () => LedgerFilter | undefined,
  onrows?: () => ((rows: readonly ProblemMarkerRow[]) => void) | undefined
): ProblemMarkers {
  let rows = $state.raw<ProblemMarkerRow[]>([]);
  useQuery(
    ws,
    () => {
      const ledger = filter();
      const w = ws();
      if (ms().problems === 'off' || !w.internal) return null;
      return {
        tables: ['problems'],
        query: (ctx) => problemMarkersQuery({ ...ctx, ladder: w.dataset.meta.rule_preset.escalation?.steps }, ledger),
        result: (table) => {
          rows = table.toArray() as ProblemMarkerRow[];
          onrows?.()?.(rows);
        }
      };
    },
    { keep: false }
  );
  return {
    get rows() {
      return rows;
    }
  };
}
