/**
 * The tour's scenes as the screen shows them: the configured ones with `districts` spread into one
 * scene per district (in the dataset's order), each with its dwell time in ms and the query core's
 * state it sets. Pure: the war room applies a scene to the workspace (views/war-room/apply-scene.ts).
 */
import type { ProblemMarking } from '../map/problem-rings.ts';
import type { ColorMode } from '../map/project-points.ts';
import type { ListDimension } from '../state/dimensions.ts';
import type { ChoroplethMetric } from '../views/map/map-settings.svelte.ts';
import type { SceneConfig, SceneKind, TourConfig } from './config.ts';

export interface Scene {
  /** Unique in the tour: `district:330102`, `league`, `lagging-2`. */
  id: string;
  kind: SceneKind;
  dwellMs: number;
  title: { zh: string; en: string } | null;
  /** The district a scene is about (its map is fitted to it and outlined), or null. */
  district: string | null;
  filters: Partial<Record<ListDimension, string[]>>;
  color: ColorMode;
  choropleth: ChoroplethMetric;
  problems: ProblemMarking;
}

export interface DistrictRef {
  code: string;
}

/** The scenes of a tour for a dataset's districts; a district scene for a code the data lacks is left out. */
export function expandScenes(config: TourConfig, districts: readonly DistrictRef[]): Scene[] {
  const scenes: Scene[] = [];
  const seen = new Map<string, number>();
  const add = (s: SceneConfig, district: string | null) => {
    const base = district ? `district:${district}` : s.kind;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    scenes.push({
      id: n === 1 ? base : `${base}-${n}`,
      kind: s.kind === 'districts' ? 'district' : s.kind,
      dwellMs: Math.round((s.dwell_seconds ?? config.dwell_seconds) * 1000),
      title: s.title ?? null,
      district,
      filters: s.filters ?? {},
      color: s.color ?? 'rag',
      choropleth: s.choropleth ?? (district ? 'none' : 'gap_points'),
      problems: s.problems ?? 'off'
    });
  };
  const known = new Set(districts.map((d) => d.code));
  for (const s of config.scenes) {
    if (s.kind === 'districts') for (const d of districts) add(s, d.code);
    else if (s.kind === 'district') {
      if (s.district && known.has(s.district)) add(s, s.district);
    } else add(s, null);
  }
  return scenes;
}
