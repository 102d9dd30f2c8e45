/**
 * The drill-down pages' own URL parameters: which district (`d`) or sector (`s`) a page shows, and
 * the path that led there (`via`), which the breadcrumb shows. The district or sector is the page's
 * route scope, a filter state ANDed into every view's filter (db/coordinator.ts); the user's
 * filters apply on top of it.
 *
 *   /district/?d=450202                     城中区
 *   /sector/?s=industry&via=overview,d:450202   总览 › 城中区 › 产业发展
 */
import { SECTORS } from '../schema.ts';
import type { FilterState } from './dimensions.ts';

export type DrillKind = 'district' | 'sector';
export const DRILL_KINDS: readonly DrillKind[] = ['district', 'sector'];

/** A district or a sector: what a drill page shows. */
export interface DrillTarget {
  kind: DrillKind;
  /** Admin code of a district, or a sector id. */
  key: string;
}

/** The page a path starts from: the map (default) or the overview. */
export type DrillRoot = 'map' | 'overview';

export interface DrillPath {
  root: DrillRoot;
  /** The drill pages passed through, oldest first (at most MAX_TRAIL). */
  trail: DrillTarget[];
}

export const DRILL_PARAM: Record<DrillKind, string> = { district: 'd', sector: 's' };
export const DRILL_ROUTE: Record<DrillKind, string> = { district: '/district/', sector: '/sector/' };
export const ROOT_ROUTE: Record<DrillRoot, string> = { map: '/', overview: '/overview/' };
const TOKEN: Record<DrillKind, string> = { district: 'd', sector: 's' };
export const MAX_TRAIL = 4;

/** The dataset's district codes: a list, or a map or set keyed by code. */
export type KnownDistricts = readonly string[] | { has(code: string): boolean };

/** Whether a key names a district of the dataset or a sector. */
export function isDrillKey(kind: DrillKind, key: string, districts: KnownDistricts): boolean {
  if (kind === 'sector') return (SECTORS as readonly string[]).includes(key);
  return 'has' in districts ? districts.has(key) : (districts as readonly string[]).includes(key);
}

/** The kind a comparison's key belongs to: a sector id, else a district code. */
export function kindOfKey(key: string): DrillKind {
  return (SECTORS as readonly string[]).includes(key) ? 'sector' : 'district';
}

/** The page's district or sector from its parameter; null when absent or unknown to the dataset. */
export function readDrillKey(kind: DrillKind, params: URLSearchParams, districts: KnownDistricts): string | null {
  const key = params.get(DRILL_PARAM[kind])?.trim() ?? '';
  return key && isDrillKey(kind, key, districts) ? key : null;
}

/** The route scope of a drill page: its district or sector, as a filter state. */
export function drillScope(target: DrillTarget | null): Partial<FilterState> {
  return target ? { [target.kind]: [target.key] } : {};
}

/** `via=overview,d:450202,s:industry`; tokens that are not a known district or sector are left out. */
export function parseDrillPath(value: string | null, districts: KnownDistricts): DrillPath {
  const tokens = (value ?? '').split(',').map((t) => t.trim());
  const root: DrillRoot = tokens[0] === 'overview' ? 'overview' : 'map';
  const trail: DrillTarget[] = [];
  for (const token of tokens) {
    const m = /^([ds]):(.+)$/.exec(token);
    if (!m) continue;
    const kind: DrillKind = m[1] === 'd' ? 'district' : 'sector';
    if (isDrillKey(kind, m[2], districts)) trail.push({ kind, key: m[2] });
  }
  return { root, trail: trail.slice(-MAX_TRAIL) };
}

export function serialiseDrillPath(path: DrillPath): string {
  const tokens = path.trail.slice(-MAX_TRAIL).map((t) => `${TOKEN[t.kind]}:${t.key}`);
  return (path.root === 'overview' ? ['overview', ...tokens] : tokens).join(',');
}

export const sameTarget = (a: DrillTarget | null | undefined, b: DrillTarget | null | undefined): boolean =>
  !!a && !!b && a.kind === b.kind && a.key === b.key;

/**
 * Going from the page shown (`here`: its path and the district or sector it shows, null on the map
 * or the overview) to a drill page: the path the new page gets, and the filters that change.
 * - Drilling from a district into a sector (or back) narrows: the page left becomes a filter, so
 *   the sector page shows that sector in that district, and clearing the chip widens it again.
 * - A filter on the target's own dimension that excludes the target is cleared (with a district
 *   filter of 鱼峰区, 城中区's page would show nothing); one that includes it is kept.
 * - Back to a page already on the path cuts the path there; sideways (another district) keeps it.
 */
export function drillStep(
  filters: Pick<FilterState, DrillKind>,
  here: { path: DrillPath; current: DrillTarget | null },
  target: DrillTarget
): { path: DrillPath; filters: Partial<FilterState> } {
  const changes: Partial<FilterState> = {};
  const current = here.current;
  const narrowing = !!current && current.kind !== target.kind;
  if (narrowing) changes[current.kind] = [current.key];
  const own = filters[target.kind];
  if (own.length > 0 && !own.includes(target.key)) changes[target.kind] = [];
  let trail = narrowing ? [...here.path.trail, current] : [...here.path.trail];
  const back = trail.findIndex((t) => sameTarget(t, target));
  if (back >= 0) trail = trail.slice(0, back);
  return { path: { root: here.path.root, trail: trail.slice(-MAX_TRAIL) }, filters: changes };
}

/** The parameters of a drill page: its key and its path. */
export function drillParams(target: DrillTarget, path: DrillPath): URLSearchParams {
  const params = new URLSearchParams({ [DRILL_PARAM[target.kind]]: target.key });
  const via = serialiseDrillPath(path);
  if (via) params.set('via', via);
  return params;
}
