/**
 * The view each kind of scene shows beside the map. A new kind of scene (the timeline, "what
 * changed") is its kind in tour/config.ts SCENE_KINDS plus its component here, taking `{ ws }`;
 * the screen gives it the query core already set to the scene's filters.
 */
import type { Component } from 'svelte';
import type { SceneKind } from '../../tour/config.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import ChangesPanel from './ChangesPanel.svelte';
import DistrictPanel from './DistrictPanel.svelte';
import LaggingPanel from './LaggingPanel.svelte';
import LeaguePanel from './LeaguePanel.svelte';
import ProblemsPanel from './ProblemsPanel.svelte';
import ProgrammePanel from './ProgrammePanel.svelte';

export const SCENE_VIEWS: Record<SceneKind, Component<{ ws: Workspace }>> = {
  programme: ProgrammePanel,
  districts: DistrictPanel,
  district: DistrictPanel,
  league: LeaguePanel,
  lagging: LaggingPanel,
  changes: ChangesPanel,
  problems: ProblemsPanel
};
