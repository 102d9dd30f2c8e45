/**
 * Datum handling: data are WGS-84/CGCS2000 (the same to within a metre at map scale). A GCJ-02
 * basemap (most Chinese commercial maps) is offset by up to ~500 m, so on such a basemap the
 * overlays are shifted into GCJ-02 with gcoord, and map gestures (lasso, box) are shifted back.
 */
import gcoord from 'gcoord';
import type { FeatureCollection } from 'geojson';
import type { Datum } from './basemaps.ts';

export const needsShift = (datum: Datum): boolean => datum === 'GCJ02';

/** Shifted positions per input array: a filter change hands the map the month's same positions. */
const shifted = new WeakMap<Float32Array, Float32Array>();

/**
 * Interleaved lon/lat (WGS-84) → GCJ-02: a new array, the same one again for the same input
 * (the map uploads positions to the GPU only when the array changes).
 */
export function shiftLonLat(lonlat: Float32Array): Float32Array {
  const known = shifted.get(lonlat);
  if (known) return known;
  const out = new Float32Array(lonlat.length);
  for (let i = 0; i < lonlat.length; i += 2) {
    const [x, y] = gcoord.transform([lonlat[i], lonlat[i + 1]], gcoord.WGS84, gcoord.GCJ02);
    out[i] = x;
    out[i + 1] = y;
  }
  shifted.set(lonlat, out);
  return out;
}

/** One WGS-84 position → GCJ-02. */
export function shiftPoint(p: [number, number]): [number, number] {
  return gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

/** A GeoJSON collection (WGS-84) → GCJ-02; the input is left untouched. */
export function shiftGeoJSON<T extends FeatureCollection>(fc: T): T {
  const copy = structuredClone(fc);
  // Label points sit in properties; move them as well.
  for (const f of copy.features) {
    const p = f.properties as { label?: [number, number] } | null;
    if (p?.label) p.label = gcoord.transform(p.label, gcoord.WGS84, gcoord.GCJ02) as [number, number];
  }
  return gcoord.transform(copy as never, gcoord.WGS84, gcoord.GCJ02) as T;
}

/** Positions drawn on a GCJ-02 map → WGS-84, to query the data. */
export function unshiftRing(ring: [number, number][]): [number, number][] {
  return ring.map((p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as [number, number]);
}
