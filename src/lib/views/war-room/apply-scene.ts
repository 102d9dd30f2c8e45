/**
 * A scene shown on the war room's screen is a state of the one query core plus the map's
 * colouring: the filters the screen was opened with, with the scene's own on top (its district,
 * its list filters), set in one change so every view asks once.
 */
import { emptyFilters, type FilterState, type ListDimension } from '../../state/dimensions.ts';
import type { Scene } from '../../tour/scenes.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import type { MapSettings } from '../map/map-settings.svelte.ts';

/** The filters a scene shows: the screen's own (from its URL), each dimension the scene names replaced. */
export function sceneFilters(base: FilterState, scene: Scene): FilterState {
  const filters: FilterState = { ...emptyFilters(), ...base };
  for (const [dim, values] of Object.entries(scene.filters) as [ListDimension, string[]][]) filters[dim] = [...values];
  if (scene.district) filters.district = [scene.district];
  return filters;
}

export function applyScene(ws: Workspace, settings: MapSettings, base: FilterState, scene: Scene): void {
  settings.color = ws.internal ? scene.color : 'phase';
  settings.choropleth =
    !ws.internal && (scene.choropleth === 'gap_points' || scene.choropleth === 'completion_rate') ? 'projects' : scene.choropleth;
  settings.problems = ws.internal ? scene.problems : 'off';
  ws.core.update({ filters: sceneFilters(base, scene) });
}

/** Scenes that need internal data (progress, rankings, problems) are left out of a public dataset's tour. */
export function sceneShown(scene: Scene, internal: boolean): boolean {
  return internal || scene.kind === 'programme' || scene.kind === 'district';
}
