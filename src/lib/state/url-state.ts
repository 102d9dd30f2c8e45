/**
 * The state every page shares, in the URL, so any view can be shared or bookmarked and reopens
 * the same: dataset, month and filters. A page adds its own parameters (the map's colour mode,
 * the table's sort) with the helpers below.
 *
 *   ?ds=liuzhou-2022&phase=new,continuing&sector=industry&district=450202&month=2022-06&q=路
 *    &box=109.3,24.2,109.5,24.4
 *
 * Parsing never throws: a value it cannot use is dropped and reported as a notice
 * (an i18n key with params) for the page to show.
 */
import { parseMonth } from '../metrics/month.ts';
import { DIMENSIONS, emptyFilters, type FilterState, type ListDimensionSpec } from './dimensions.ts';
import { parseArea, serialiseArea } from './url-area.ts';
import { parseNumbers, formatNumber, type UrlNotice } from './url-values.ts';

export type { UrlNotice } from './url-values.ts';

export interface MapPosition {
  lon: number;
  lat: number;
  zoom: number;
}

/** The state every page shares: the dataset, the month and the filters. */
export interface UrlState {
  ds: string | null;
  /** 'YYYY-MM'; null means the dataset's as-of month. */
  month: string | null;
  filters: FilterState;
  /** The playhead's month ('YYYY-MM', `at`), when a playback or the milestones have taken it (playback/playhead.svelte.ts). */
  at?: string | null;
}

/** What the page knows is valid; a list left out is not checked. */
export interface KnownValues {
  datasets?: readonly string[];
  districts?: readonly string[];
  units?: readonly string[];
  views?: readonly string[];
  /** The months the dataset has ('YYYY-MM', oldest first: meta.json `facts_months`). */
  months?: readonly string[];
}

export function emptyUrlState(): UrlState {
  return { ds: null, month: null, filters: emptyFilters() };
}

const listValues = (params: URLSearchParams, name: string): string[] => {
  const all = params.getAll(name).flatMap((v) => v.split(','));
  return [...new Set(all.map((v) => v.trim()).filter(Boolean))];
};

/** A page's own choice from a fixed list (a colour mode, a view); anything else is a notice. */
export function parseChoice<T extends string>(
  params: URLSearchParams,
  param: string,
  allowed: readonly T[],
  notices: UrlNotice[]
): T | null {
  const value = params.get(param);
  if (value === null || value === '') return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  notices.push({ key: 'url.unknownValue', params: { param, value } });
  return null;
}

/** The values a list dimension accepts from the URL: its enumeration, or what the page knows of the data (null: any). */
function allowedValues(spec: ListDimensionSpec, known: KnownValues): readonly string[] | null {
  if (spec.values) return spec.values;
  if (spec.id === 'district') return known.districts ?? null;
  if (spec.id === 'unit') return known.units ?? null;
  return null;
}

function parseFilters(params: URLSearchParams, known: KnownValues, notices: UrlNotice[]): FilterState {
  const filters = emptyFilters() as Record<string, unknown>;
  for (const spec of DIMENSIONS) {
    if (spec.kind === 'list') {
      const allowed = allowedValues(spec, known);
      const keep: string[] = [];
      for (const value of listValues(params, spec.param)) {
        if (!allowed || allowed.includes(value)) keep.push(value);
        else notices.push({ key: 'url.unknownValue', params: { param: spec.param, value } });
      }
      // Enumerations are kept in their canonical order so equal states give equal URLs.
      filters[spec.id] = spec.values ? spec.values.filter((v) => keep.includes(v)) : keep;
    } else if (spec.kind === 'text') {
      const text = (params.get(spec.param) ?? '').trim();
      if (text.length > spec.maxLength) notices.push({ key: 'url.textTooLong', params: { param: spec.param, max: spec.maxLength } });
      filters[spec.id] = text.slice(0, spec.maxLength);
    } else {
      filters[spec.id] = parseArea(params, notices);
    }
  }
  return filters as FilterState;
}

function parseMonthParam(value: string | null, known: KnownValues, notices: UrlNotice[], param = 'month'): string | null {
  if (!value) return null;
  const month = parseMonth(value);
  if (!month) {
    notices.push({ key: 'url.badMonth', params: { param, value } });
    return null;
  }
  const months = known.months;
  if (months && !months.includes(month.key)) {
    notices.push({ key: 'url.monthOutOfRange', params: { param, value, first: months[0], last: months.at(-1)! } });
    return null;
  }
  return month.key;
}

/** The map's centre and zoom, `map=lon,lat,zoom`. */
export function parseMapPosition(params: URLSearchParams, notices: UrlNotice[]): MapPosition | null {
  const value = params.get('map');
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
  const at = parseMonthParam(params.get('at'), known, notices, 'at');
  if (at) state.at = at;
  state.filters = parseFilters(params, known, notices);
  return { state, notices };
}

/** Writes the URL state; defaults (empty filters, nulls) are left out. */
export function serialiseUrlState(state: UrlState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.ds) p.set('ds', state.ds);
  writeFilters(state.filters, p);
  if (state.month) p.set('month', state.month);
  if (state.at) p.set('at', state.at);
  serialiseArea(state.filters.area, p);
  return p;
}

/** Writes the filters but the map area (written last, being long), in registry order. */
export function writeFilters(filters: FilterState, p: URLSearchParams): void {
  for (const spec of DIMENSIONS) {
    if (spec.kind === 'list') {
      const values = filters[spec.id] as string[];
      if (values.length) p.set(spec.param, values.join(','));
    } else if (spec.kind === 'text') {
      const text = (filters[spec.id] as string).trim();
      if (text) p.set(spec.param, text);
    }
  }
}

/** `map=lon,lat,zoom` at about a metre and a hundredth of a zoom level. */
export function serialiseMapPosition(map: MapPosition): string {
  return [formatNumber(map.lon, 5), formatNumber(map.lat, 5), formatNumber(map.zoom, 2)].join(',');
}

/** Every URL parameter a filter can be written to (a page's own parameters must not clash). */
export const FILTER_PARAMS: readonly string[] = DIMENSIONS.flatMap((d) => (d.kind === 'area' ? ['box', 'lasso'] : [d.param]));

/** The parameters of the shared state; every other parameter belongs to the page showing it. */
export const SHARED_PARAMS: readonly string[] = ['ds', 'month', 'at', ...FILTER_PARAMS];
