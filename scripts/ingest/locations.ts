/**
 * Project locations: coordinates from the sheet converted to WGS-84 with gcoord (the sheet
 * declares GCJ-02 / BD-09 in a header, a 坐标系 column or --datum), otherwise the label point
 * of the project's district with location_precision 'district', so the map shows it honestly
 * as "somewhere in this district".
 */
import gcoord from 'gcoord';
import type { Datum } from './header-map.ts';
import { datumOf } from './header-map.ts';
import { toHalfWidth } from './text.ts';

const CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Mainland China with margin: coordinates outside are typos or swapped columns. */
const inChina = (lon: number, lat: number) => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = toHalfWidth(value).replace(/[\s°]+/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export type CoordResult = { ok: true; lonLat: [number, number] | null; datum?: Datum } | { ok: false; reason: string };

/** Reads lon/lat (or one "lon,lat" cell); GCJ-02 / BD-09 are converted to WGS-84 and rounded to 1e-6° (~0.1 m). */
export function readCoordinates(lonCell: unknown, latCell: unknown, datum: Datum): CoordResult {
  const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
  if (blank(lonCell) && blank(latCell)) return { ok: true, lonLat: null };
  let lon = toNumber(lonCell);
  let lat = toNumber(latCell);
  if (lon === null || lat === null) return { ok: false, reason: `unreadable coordinates: "${lonCell ?? ''}", "${latCell ?? ''}"` };
  if (!inChina(lon, lat) && inChina(lat, lon)) [lon, lat] = [lat, lon];
  if (!inChina(lon, lat)) return { ok: false, reason: `coordinates outside China: ${lon}, ${lat}` };
  if (datum === 'wgs84') return { ok: true, lonLat: [lon, lat], datum };
  const [x, y] = gcoord.transform([lon, lat], CRS[datum], gcoord.WGS84) as [number, number];
  return { ok: true, lonLat: [round6(x), round6(y)], datum };
}

/** "109.41,24.33" / "109.41 24.33" / "E109.41 N24.33" in one cell. */
export function splitCoordinateCell(value: unknown): [unknown, unknown] {
  if (value === null || value === undefined) return [null, null];
  const s = toHalfWidth(String(value)).replace(/[EN°东经北纬]/gi, ' ');
  const parts = s.split(/[,，;；\s]+/).filter(Boolean);
  return parts.length === 2 ? [parts[0], parts[1]] : [String(value), null];
}

export function datumFromCell(value: unknown): Datum | undefined {
  return value === null || value === undefined ? undefined : datumOf(String(value));
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
