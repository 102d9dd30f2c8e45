/**
 * The district choropleth as a query-core client: the chosen metric by district (the district
 * filter is its own, so every district keeps its shade), its scale and how its figures read.
 * Answered in the page from the month's index (every choropleth metric is one the page sums), so
 * shading the map never waits for the engine nor starts it.
 */
import { choroplethScale, type ScaleSpec } from '$lib/charts/scales.ts';
import { i18n } from '$lib/i18n/locale.svelte.ts';
import { redBeyondPoints } from '$lib/metrics/preset.ts';
import { groupedMetrics } from '$lib/queries/views.ts';
import { useQuery } from '$lib/workspace/use-query.svelte.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';
import { CHORO_UNITS, formatChoroValue } from './district-layer.ts';
import type { MapSettings } from './map-settings.svelte.ts';

export interface Choropleth {
  /** The metric by district code; empty while the map is not shaded. */
  readonly values: Map<string, number | null>;
  readonly spec: ScaleSpec<number> | null;
  format(v: number | null | undefined): string;
}

/** Call during a component's initialisation (it owns a query client and an effect). */
export function useChoropleth(ws: () => Workspace, ms: () => MapSettings): Choropleth {
  let values = $state.raw<Map<string, number | null>>(new Map());
  useQuery(
    ws,
    () => {
      const metric = ms().choropleth;
      if (metric === 'none') return null;
      return {
        owns: ['district'],
        local: { kind: 'metrics', by: ['district'], metrics: [metric] },
        query: (ctx) => groupedMetrics(ctx, ['district'], [metric]),
        result: (table) =>
          (values = new Map(
            (table.toArray() as Record<string, unknown>[]).map((r) => [String(r.district_code), r[metric] as number | null])
          ))
      };
    },
    { keep: false }
  );
  $effect(() => {
    if (ms().choropleth === 'none') values = new Map();
  });
  const unit = $derived(CHORO_UNITS[ms().choropleth]);
  const spec = $derived(
    ms().choropleth === 'none'
      ? null
      : choroplethScale(
          unit,
          [...values.values()].filter((v): v is number => v !== null),
          // a share-based RAG has no points threshold: the scale keeps its own 10-point break
          redBeyondPoints(ws().core.rules) ?? 10
        )
  );
  return {
    get values() {
      return values;
    },
    get spec() {
      return spec;
    },
    format: (v) => formatChoroValue(v, unit, i18n.locale)
  };
}
