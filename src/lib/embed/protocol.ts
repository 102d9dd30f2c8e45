/**
 * The embed's postMessage API, version 1: the messages a host page may send the embedded map and
 * the ones the map sends back, checked here (pure, unit-tested) before anything acts on them.
 * Every message is `{ v: 1, type, … }`; a message of another version or shape is ignored.
 */
import { DIMENSIONS } from '../state/dimensions.ts';
import type { MapPosition } from '../state/url-state.ts';

export const EMBED_PROTOCOL_VERSION = 1;

/** Filters by dimension id (`phase`, `sector`, `district` …): a list of values, or the text of `search`. */
export type FilterValues = Record<string, string | string[]>;

/** What the host page may ask. `setFilters` replaces every filter (a dimension left out is cleared). */
export type HostMessage =
  | { v: 1; type: 'setFilters'; filters: FilterValues }
  | { v: 1; type: 'setMonth'; month: string }
  | { v: 1; type: 'setView'; view: MapPosition };

/** What the embed tells the host page. */
export type EmbedMessage =
  | { v: 1; type: 'ready'; dataset: string; month: string; months: string[] }
  | { v: 1; type: 'click'; target: 'project'; id: string; name: string | null }
  | { v: 1; type: 'click'; target: 'district'; code: string; name: string | null }
  | { v: 1; type: 'viewChanged'; month: string; filters: FilterValues; view: MapPosition | null }
  | { v: 1; type: 'height'; height: number };

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A host's message, or null when it is not one this version understands. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (!isRecord(data) || data.v !== EMBED_PROTOCOL_VERSION) return null;
  switch (data.type) {
    case 'setFilters':
      return isRecord(data.filters) && Object.values(data.filters).every(isFilterValue)
        ? { v: 1, type: 'setFilters', filters: data.filters as FilterValues }
        : null;
    case 'setMonth':
      return typeof data.month === 'string' ? { v: 1, type: 'setMonth', month: data.month } : null;
    case 'setView': {
      const view = data.view;
      if (!isRecord(view) || !isFiniteNumber(view.lon) || !isFiniteNumber(view.lat) || !isFiniteNumber(view.zoom)) return null;
      return { v: 1, type: 'setView', view: { lon: view.lon, lat: view.lat, zoom: view.zoom } };
    }
    default:
      return null;
  }
}

function isFilterValue(x: unknown): boolean {
  return typeof x === 'string' || (Array.isArray(x) && x.every((v) => typeof v === 'string'));
}

/**
 * The filters of a message as URL parameters, so they are read exactly as a link's are (unknown
 * values become notices, never filters). The map area is not settable this way.
 */
export function filterParams(filters: FilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const spec of DIMENSIONS) {
    const value = filters[spec.id];
    if (value === undefined || spec.kind === 'area') continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text) params.set(spec.param, text);
  }
  return params;
}

/** The filters in force as a message carries them: only the dimensions set, by id. */
export function filterValues(filters: Record<string, unknown>): FilterValues {
  const out: FilterValues = {};
  for (const spec of DIMENSIONS) {
    const value = filters[spec.id];
    if (spec.kind === 'list' && Array.isArray(value) && value.length) out[spec.id] = value.map(String);
    if (spec.kind === 'text' && typeof value === 'string' && value.trim()) out[spec.id] = value.trim();
  }
  return out;
}

/** The embed's site configuration (config/embed.json): the origins that may embed and talk to it. */
export interface EmbedConfig {
  allowedOrigins: string[];
}

/**
 * Reads config/embed.json. Each entry must be an origin (scheme, host and port, nothing else);
 * anything else, `*` included, is left out with a reason: a wildcard would send every click to
 * whichever page framed the map.
 */
export function parseEmbedConfig(json: unknown): { config: EmbedConfig; errors: string[] } {
  const errors: string[] = [];
  const list = isRecord(json) && Array.isArray(json.allowedOrigins) ? json.allowedOrigins : [];
  if (isRecord(json) && json.allowedOrigins !== undefined && !Array.isArray(json.allowedOrigins)) {
    errors.push('allowedOrigins is not a list');
  }
  const allowedOrigins: string[] = [];
  for (const entry of list) {
    const origin = originOf(entry);
    if (origin) allowedOrigins.push(origin);
    else errors.push(`not an origin: ${JSON.stringify(entry)}`);
  }
  return { config: { allowedOrigins: [...new Set(allowedOrigins)] }, errors };
}

/** `https://host[:port]` exactly as a MessageEvent's origin reads, or null. */
export function originOf(entry: unknown): string | null {
  if (typeof entry !== 'string') return null;
  try {
    const url = new URL(entry);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.origin !== entry.replace(/\/$/, '')) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(origin: string, config: EmbedConfig): boolean {
  return config.allowedOrigins.includes(origin);
}
