/**
 * Basemaps: the offline default, plus whatever IT lists in the site config
 * `config/basemaps.json` (edited after the build; absent or empty → only the default).
 * Every basemap declares its datum so overlays can be shifted onto GCJ-02 basemaps.
 */

export type Datum = 'WGS84' | 'CGCS2000' | 'GCJ02';

export interface LocalName {
  zh: string;
  en: string;
}

export type Basemap =
  | { id: string; name: LocalName; datum: Datum; kind: 'offline' }
  | {
      id: string;
      name: LocalName;
      datum: Datum;
      kind: 'raster';
      tiles: string[];
      tileSize: number;
      maxzoom: number;
      attribution?: string;
      overlayTiles?: string[];
    }
  | { id: string; name: LocalName; datum: Datum; kind: 'style'; url: string }
  | { id: string; name: LocalName; datum: Datum; kind: 'pmtiles'; url: string; tileSize: number; attribution?: string };

export const OFFLINE_BASEMAP: Basemap = { id: 'offline', name: { zh: '离线底图', en: 'Offline basemap' }, datum: 'WGS84', kind: 'offline' };

/** Tianditu WMTS in Web Mercator ("_w"): base layer and its annotation layer (vec→cva, img→cia, ter→cta). */
export const TIANDITU_LAYERS = { vec: 'cva', img: 'cia', ter: 'cta' } as const;

export function tiandituTiles(layer: string, tk: string): string[] {
  return Array.from(
    { length: 8 },
    (_, i) =>
      `https://t${i}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
      `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(tk)}`
  );
}

const DATUMS: Datum[] = ['WGS84', 'CGCS2000', 'GCJ02'];

function datumOf(v: unknown, fallback: Datum): Datum {
  const s = typeof v === 'string' ? v.toUpperCase().replace(/[-_ ]/g, '') : '';
  return (DATUMS as string[]).includes(s) ? (s as Datum) : fallback;
}

function nameOf(v: unknown, id: string): LocalName {
  if (typeof v === 'string') return { zh: v, en: v };
  const o = (v ?? {}) as Partial<LocalName>;
  return { zh: o.zh ?? o.en ?? id, en: o.en ?? o.zh ?? id };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/**
 * Reads one entry of the site config. Relative URLs resolve against the config file's URL.
 * Throws with a reason for an entry that cannot work (the caller skips it and logs why).
 */
export function parseBasemap(entry: unknown, configUrl: string): Basemap {
  const e = (entry ?? {}) as Record<string, unknown>;
  const id = str(e.id);
  if (!id) throw new Error('basemap without "id"');
  const name = nameOf(e.name, id);
  // new URL() percent-encodes the {z}/{x}/{y} placeholders of a template; put them back.
  const abs = (u: string) => (/^[a-z]+:/i.test(u) ? u : new URL(u, configUrl).href.replace(/%7B(\w+)%7D/gi, '{$1}'));
  const attribution = str(e.attribution);
  switch (e.type) {
    case 'tianditu': {
      const tk = str(e.tk);
      if (!tk) throw new Error(`${id}: Tianditu needs "tk"`);
      const layer = (str(e.layer) ?? 'vec') as keyof typeof TIANDITU_LAYERS;
      if (!(layer in TIANDITU_LAYERS)) throw new Error(`${id}: Tianditu layer must be vec, img or ter`);
      return {
        id,
        name,
        kind: 'raster',
        datum: datumOf(e.datum, 'CGCS2000'),
        tileSize: 256,
        maxzoom: num(e.maxzoom, 18),
        tiles: tiandituTiles(layer, tk),
        overlayTiles: e.annotation === false ? undefined : tiandituTiles(TIANDITU_LAYERS[layer], tk),
        attribution: attribution ?? '天地图 Tianditu'
      };
    }
    case 'raster': {
      const tiles = Array.isArray(e.tiles) ? e.tiles.filter((t): t is string => typeof t === 'string') : str(e.url) ? [str(e.url)!] : [];
      if (tiles.length === 0) throw new Error(`${id}: raster needs "tiles" (XYZ templates)`);
      return {
        id,
        name,
        kind: 'raster',
        datum: datumOf(e.datum, 'WGS84'),
        tileSize: num(e.tileSize, 256),
        maxzoom: num(e.maxzoom, 18),
        tiles: tiles.map(abs),
        attribution
      };
    }
    case 'style': {
      const url = str(e.url);
      if (!url) throw new Error(`${id}: style needs "url"`);
      return { id, name, kind: 'style', datum: datumOf(e.datum, 'WGS84'), url: abs(url) };
    }
    case 'pmtiles': {
      const url = str(e.url);
      if (!url) throw new Error(`${id}: pmtiles needs "url"`);
      return { id, name, kind: 'pmtiles', datum: datumOf(e.datum, 'WGS84'), url: abs(url), tileSize: num(e.tileSize, 256), attribution };
    }
    default:
      throw new Error(`${id}: unknown type ${JSON.stringify(e.type)} (tianditu, raster, style, pmtiles)`);
  }
}

/** The offline default first, then every valid entry of the config; invalid ones are reported. */
export function parseBasemapConfig(json: unknown, configUrl: string): { basemaps: Basemap[]; errors: string[] } {
  const list = Array.isArray(json)
    ? json
    : Array.isArray((json as { basemaps?: unknown })?.basemaps)
      ? (json as { basemaps: unknown[] }).basemaps
      : [];
  const basemaps: Basemap[] = [OFFLINE_BASEMAP];
  const errors: string[] = [];
  for (const entry of list) {
    try {
      const b = parseBasemap(entry, configUrl);
      if (basemaps.some((x) => x.id === b.id)) throw new Error(`${b.id}: duplicate id`);
      basemaps.push(b);
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  return { basemaps, errors };
}

/** The site configs read in this page, by URL: a page opened within the app reuses its map's. */
const loaded = new Map<string, Basemap[]>();

/**
 * Fetches the site config once per page load (a district's page opened from the map fetched it
 * again inside the click); a missing or broken file means the offline default only, and is asked
 * again by the next map.
 */
export async function loadBasemaps(configUrl: string): Promise<Basemap[]> {
  const known = loaded.get(configUrl);
  if (known) return known;
  try {
    const res = await fetch(configUrl, { cache: 'no-cache' });
    if (!res.ok) return [OFFLINE_BASEMAP];
    const { basemaps, errors } = parseBasemapConfig(await res.json(), configUrl);
    for (const e of errors) console.warn(`config/basemaps.json: ${e}`);
    loaded.set(configUrl, basemaps);
    return basemaps;
  } catch {
    return [OFFLINE_BASEMAP];
  }
}

/** The basemaps a map starts with: the site config's if this page has read it, else the offline default. */
export function knownBasemaps(configUrl: string): Basemap[] {
  return loaded.get(configUrl) ?? [OFFLINE_BASEMAP];
}
