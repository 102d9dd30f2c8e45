/**
 * The map page's own choices, kept in the URL beside the shared state: colour and size encodings,
 * map or table, the open project, basemap, district shading, the problems layer, map position and
 * the table's sort.
 * Read once from the URL the page opens at (what cannot be used becomes a notice), written back
 * through the workspace.
 */
import type { ColorMode, SizeMode } from '../../map/project-points.ts';
import { PROBLEM_MARKINGS, type ProblemMarking } from '../../map/problem-rings.ts';
import { parseChoice, parseMapPosition, serialiseMapPosition, type MapPosition, type UrlNotice } from '../../state/url-state.ts';
import { parseSort, serialiseSort, type TableSort } from '../table-sort.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';

export type PageView = 'map' | 'table';
export const PAGE_VIEWS: readonly PageView[] = ['map', 'table'];
export const MAP_COLOR_MODES: readonly ColorMode[] = ['phase', 'rag'];
export const MAP_SIZE_MODES: readonly SizeMode[] = ['total', 'annual', 'completed', 'uniform'];
export const CHOROPLETH_METRICS = ['none', 'projects', 'total_investment', 'annual_plan', 'completion_rate', 'gap_points'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];
/** Encodings and shadings that need internal data (a public build has no progress). */
const INTERNAL_ONLY = new Set<string>(['rag', 'completed', 'completion_rate', 'gap_points', 'level', 'overdue']);
export const DEFAULT_SORT: TableSort = { key: 'total_investment', descending: true };

export class MapSettings {
  color = $state<ColorMode>('phase');
  size = $state<SizeMode>('total');
  view = $state<PageView>('map');
  project = $state<string | null>(null);
  basemap = $state('offline');
  choropleth = $state<ChoroplethMetric>('none');
  /** Rings on the projects with open problems (internal data only), coloured by level or by overdue. */
  problems = $state<ProblemMarking>('off');
  map = $state<MapPosition | null>(null);
  sort = $state<TableSort>(DEFAULT_SORT);
  /** Where the map's points come from: the first paint, or the query core. */
  pointsFrom = $state<'none' | 'preview' | 'core'>('none');
  /** The problem markings the dataset offers: by overran step only where its preset has an escalation ladder. */
  readonly problemMarkings: readonly ProblemMarking[];
  /** The problems layer when the URL does not say (on by level on the ledger's page). */
  readonly #problemsDefault: ProblemMarking;
  readonly #ws: Workspace;

  constructor(ws: Workspace, params: URLSearchParams, { problems = 'off' }: { problems?: ProblemMarking } = {}) {
    this.#ws = ws;
    this.#problemsDefault = ws.internal ? problems : 'off';
    const ladder = Boolean(ws.dataset.meta.rule_preset.escalation?.steps.length);
    this.problemMarkings = PROBLEM_MARKINGS.filter((m) => ladder || m !== 'overrun');
    const notices: UrlNotice[] = [];
    const usable = <T extends string>(allowed: readonly T[]) => allowed.filter((v) => ws.internal || !INTERNAL_ONLY.has(v));
    this.color = parseChoice(params, 'color', usable(MAP_COLOR_MODES), notices) ?? 'phase';
    this.size = parseChoice(params, 'size', usable(MAP_SIZE_MODES), notices) ?? 'total';
    this.view = parseChoice(params, 'view', PAGE_VIEWS, notices) ?? 'map';
    this.choropleth = parseChoice(params, 'choropleth', usable(CHOROPLETH_METRICS), notices) ?? 'none';
    this.problems = parseChoice(params, 'problems', usable(this.problemMarkings), notices) ?? this.#problemsDefault;
    this.map = parseMapPosition(params, notices);
    this.project = params.get('project') || null;
    this.basemap = params.get('basemap') || 'offline';
    this.sort = parseSort(params.get('sort'), notices) ?? DEFAULT_SORT;
    if (notices.length) ws.notices = [...ws.notices, ...notices];
  }

  /** The page's own parameters; defaults are left out. */
  params(): URLSearchParams {
    const p = new URLSearchParams();
    if (this.view !== 'map') p.set('view', this.view);
    if (this.color !== 'phase') p.set('color', this.color);
    if (this.size !== 'total') p.set('size', this.size);
    if (this.choropleth !== 'none') p.set('choropleth', this.choropleth);
    if (this.problems !== this.#problemsDefault) p.set('problems', this.problems);
    if (this.basemap !== 'offline') p.set('basemap', this.basemap);
    if (this.sort.key !== DEFAULT_SORT.key || this.sort.descending !== DEFAULT_SORT.descending) p.set('sort', serialiseSort(this.sort));
    if (this.project) p.set('project', this.project);
    if (this.map) p.set('map', serialiseMapPosition(this.map));
    return p;
  }

  /** Sets one choice and writes the URL. */
  set<K extends 'color' | 'size' | 'view' | 'basemap' | 'choropleth' | 'problems' | 'project' | 'map' | 'sort'>(
    key: K,
    value: MapSettings[K]
  ): void {
    (this as MapSettings)[key] = value;
    this.#ws.writeUrl();
  }
}
