/**
 * Links into the drill-down pages from wherever a district or sector is shown (the map, a chart's
 * bar, a filter chip, the project card, an overview row, another drill page): the target page's
 * parameters and path, and the filters that change on the way (state/drill.ts `drillStep`).
 */
import { base } from '$app/paths';
import type { BarLinks } from '../../charts/BarChart.svelte';
import { t } from '../../i18n/locale.svelte.ts';
import {
  DRILL_ROUTE,
  drillParams,
  drillStep,
  MAX_TRAIL,
  serialiseDrillPath,
  type DrillKind,
  type DrillPath,
  type DrillTarget
} from '../../state/drill.ts';
import { pageOf } from '../../workspace/pages.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';

/** Where a link is made: the path that led to the page shown, and the district or sector it shows (null on the map or the overview). */
export interface Here {
  path: DrillPath;
  current: DrillTarget | null;
}

export const ON_MAP: Here = { path: { root: 'map', trail: [] }, current: null };
export const ON_OVERVIEW: Here = { path: { root: 'overview', trail: [] }, current: null };

/** The link (relative to the app's base) to a district's or sector's page, from `here`. */
export function drillHref(ws: Workspace, here: Here, target: DrillTarget): string {
  const step = drillStep(ws.filters, here, target);
  return ws.href(DRILL_ROUTE[target.kind], { params: drillParams(target, step.path), filters: step.filters });
}

/** The links beside a chart's bars (BarChart), each to its value's page (a district's or a sector's), from where `here` says. */
export function drillBarLinks(ws: Workspace, here: () => Here, kind: DrillKind): BarLinks {
  return {
    label: (row) => t(`drill.open.${kind}`, { name: row.label }),
    href: (row) => `${base}${drillHref(ws, here(), { kind, key: row.key })}`,
    onpoint: (row) => prefetchDrill(ws, { kind, key: row.key })
  };
}

/** Loads ahead what a drill page will need (its month series, the problems), when its link is pointed at. */
export function prefetchDrill(ws: Workspace, target: DrillTarget): void {
  const what = pageOf(DRILL_ROUTE[target.kind])?.prefetch?.(ws);
  if (what) ws.prefetch(what);
}

/** The comparison page with its own parameters (`a`, `b`, `am`), from `here`: its path gains the page shown. */
export function compareHref(ws: Workspace, here: Here, params: URLSearchParams): string {
  const trail = here.current ? [...here.path.trail, here.current] : here.path.trail;
  const own = new URLSearchParams(params);
  const via = serialiseDrillPath({ root: here.path.root, trail: trail.slice(-MAX_TRAIL) });
  if (via) own.set('via', via);
  return ws.href('/compare/', { params: own });
}
