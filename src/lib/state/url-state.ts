/**
 * The whole screen state in the URL, so any view can be shared or bookmarked and reopens the
 * same: dataset, filters, month, view, colour and size encodings, map position.
 *
 *   ?ds=liuzhou-2022&phase=new,continuing&sector=industry&district=450202&month=2022-06&q=路
 *    &view=map&color=rag&size=total&map=109.41,24.33,10.5&box=109.3,24.2,109.5,24.4
 *
 * Parsing never throws: a value it cannot use is dropped and reported as a notice
 * (an i18n key with params) for the page to show.
 */
import { LEVELS, PHASES, SECTORS, SIZE_BUCKETS } from '../schema.ts';
import { RAG_VALUES } from '../metrics/investment.ts';
import { isAvailableMonth, parseMonth } from '../metrics/month.ts';
import { emptyFilters, type FilterState } from './filters.ts';
import { parseArea, serialiseArea } from './url-area.ts';
import { parseNumbers, formatNumber, type UrlNotice } from './url-values.ts';

export type { UrlNotice } from './url-values.ts';

export const VIEWS = ['map', 'charts', 'table', 'league', 'war-room', 'problems', 'bulletin'] as const;
export const COLOR_MODES = ['rag', 'sector', 'phase', 'level', 'gap'] as const;
export const SIZE_MODES = ['total', 'annual', 'completed', 'uniform'] as const;

export type ColorMode = (typeof COLOR_MODES)[number];
export type SizeMode = (typeof SIZE_MODES)[number];

export interface MapPosition {
  lon: number;
  lat: number;
  zoom: number;
}

export interface UrlState {
  ds: string | null;
  /** 'YYYY-MM'; null means the dataset's as-of month. */
  month: string | null;
  view: string | null;
  color: ColorMode | null;
  size: SizeMode | null;
  map: MapPosition | null;
  filters: FilterState;
}

/** What the page knows is valid; a list left out is not checked. */
export interface KnownValues {
  datasets?: readonly string[];
  districts?: readonly string[];
  units?: readonly string[];
  views?: readonly string[];
  /** The dataset's as-of month 'YYYY-MM' and its plan years. */
  asOf?: string;
  years?: readonly number[];
}

export function emptyUrlState(): UrlState {
  return { ds: null, month: null, view: null, color: null, size: null, map: null, filters: emptyFilters() };
}

/** URL parameter of each list filter, in the order they are written. */
const LIST_PARAMS = [
  ['phase', 'phase', PHASES],
  ['sector', 'sector', SECTORS],
  ['district', 'district', null],
  ['level', 'level', LEVELS],
  ['bucket', 'size', SIZE_BUCKETS.map((b) => b.id)],
  ['rag', 'rag', RAG_VALUES],
  ['unit', 'unit', null]
] as const;

const MAX_Q = 100;

function listValues(params: URLSearchParams, name: string): string[] {
  const all = params.getAll(name).flatMap((v) => v.split(','));
  return [...new Set(all.map((v) => v.trim()).filter(Boolean))];
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], param: string, notices: UrlNotice[]): T | null {
  if (value === null || value === '') return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  notices.push({ key: 'url.unknownValue', params: { param, value } });
  return null;
}

function parseFilters(params: URLSearchParams, known: KnownValues, notices: UrlNotice[]): FilterState {
  const filters = emptyFilters();
  for (const [param, dim, allowed] of LIST_PARAMS) {
    const checkList = allowed ?? (dim === 'district' ? known.districts : known.units);
    const keep: string[] = [];
    for (const value of listValues(params, param)) {
      if (!checkList || checkList.includes(value)) keep.push(value);
      else if (dim === 'district') notices.push({ key: 'url.unknownDistrict', params: { value } });
      else if (dim === 'unit') notices.push({ key: 'url.unknownUnit', params: { value } });
      else notices.push({ key: 'url.unknownValue', params: { param, value } });
    }
    // Enumerations are kept in their canonical order so equal states give equal URLs.
    (filters as unknown as Record<string, string[]>)[dim] = allowed ? allowed.filter((v) => keep.includes(v)) : keep;
  }
  const q = (params.get('q') ?? '').trim();
  if (q.length > MAX_Q) notices.push({ key: 'url.textTooLong', params: { max: MAX_Q } });
  filters.q = q.slice(0, MAX_Q);
  filters.area = parseArea(params, notices);
  return filters;
}

function parseMonthParam(value: string | null, known: KnownValues, notices: UrlNotice[]): string | null {
  if (!value) return null;
  const month = parseMonth(value);
  if (!month) {
    notices.push({ key: 'url.badMonth', params: { value } });
    return null;
  }
  const asOf = known.asOf ? parseMonth(known.asOf) : null;
  if (asOf && !isAvailableMonth(month, asOf, known.years ?? [asOf.year])) {
    notices.push({ key: 'url.monthOutOfRange', params: { value, asOf: asOf.key } });
    return null;
  }
  return month.key;
}

function parseMap(value: string | null, notices: UrlNotice[]): MapPosition | null {
  if (!value) return null;
  const n = parseNumbers(value, 'map', notices, 3);
  if (!n) return null;
  const [lon, lat, zoom] = n;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) {
    notices.push({ key: 'url.badNumber', params: { param: 'map', value } });
    return null;
  }
  return { lon, lat, zoom };
}

/** Reads the URL state; anything unusable is left at its default and reported in `notices`. */
export function parseUrlState(params: URLSearchParams, known: KnownValues = {}): { state: UrlState; notices: UrlNotice[] } {
  const notices: UrlNotice[] = [];
  const state = emptyUrlState();
  const ds = params.get('ds');
  if (ds && known.datasets && !known.datasets.includes(ds)) notices.push({ key: 'url.unknownDataset', params: { value: ds } });
  else state.ds = ds || null;
  state.month = parseMonthParam(params.get('month'), known, notices);
  state.view = oneOf(params.get('view'), known.views ?? VIEWS, 'view', notices);
  state.color = oneOf(params.get('color'), COLOR_MODES, 'color', notices);
  state.size = oneOf(params.get('size'), SIZE_MODES, 'size', notices);
  state.map = parseMap(params.get('map'), notices);
  state.filters = parseFilters(params, known, notices);
  return { state, notices };
}

/** Writes the URL state; defaults (empty filters, nulls) are left out. */
export function serialiseUrlState(state: UrlState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.ds) p.set('ds', state.ds);
  for (const [param, dim] of LIST_PARAMS) {
    const values = state.filters[dim] as string[];
    if (values.length) p.set(param, values.join(','));
  }
  if (state.filters.q.trim()) p.set('q', state.filters.q.trim());
  if (state.month) p.set('month', state.month);
  if (state.view) p.set('view', state.view);
  if (state.color) p.set('color', state.color);
  if (state.size) p.set('size', state.size);
  if (state.map) p.set('map', [formatNumber(state.map.lon, 5), formatNumber(state.map.lat, 5), formatNumber(state.map.zoom, 2)].join(','));
  serialiseArea(state.filters.area, p);
  return p;
}
