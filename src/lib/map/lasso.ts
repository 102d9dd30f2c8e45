/**
 * Box and lasso on the map: the ring drawn on screen, simplified, and the same even–odd rule
 * as the query core's SQL predicate (queries/area.ts) in JS, for the map's own highlight.
 */
import type { Area, Ring } from '../queries/area.ts';

export type { Ring };

/** Keeps at most `max` vertices, evenly spaced along the ring as drawn. */
export function simplifyRing(ring: Ring, max = 60): Ring {
  if (ring.length <= max) return ring;
  const step = ring.length / max;
  return Array.from({ length: max }, (_, i) => ring[Math.floor(i * step)]);
}

/** 1 for each point of interleaved lon/lat inside the ring, else 0. */
export function ringMask(lonlat: Float32Array, ring: Ring): Uint8Array {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [w, s, e, n] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  const out = new Uint8Array(lonlat.length / 2);
  for (let k = 0; k < out.length; k++) {
    const x = lonlat[2 * k];
    const y = lonlat[2 * k + 1];
    if (x < w || x > e || y < s || y > n) continue;
    let inside = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) inside ^= 1;
    }
    out[k] = inside;
  }
  return out;
}

/** 1 for each point inside the box [w, s, e, n], edges included. */
export function boxMask(lonlat: Float32Array, [w, s, e, n]: [number, number, number, number]): Uint8Array {
  const out = new Uint8Array(lonlat.length / 2);
  for (let k = 0; k < out.length; k++) {
    const x = lonlat[2 * k];
    const y = lonlat[2 * k + 1];
    out[k] = x >= w && x <= e && y >= s && y <= n ? 1 : 0;
  }
  return out;
}

/** Which of the interleaved positions fall in the map selection (a box or a lasso). */
export function areaMask(lonlat: Float32Array, area: Area): Uint8Array {
  return area.type === 'box' ? boxMask(lonlat, area.bounds) : ringMask(lonlat, area.ring);
}

/** The map selection's outline as a closed-by-the-caller ring (a box's four corners). */
export function areaOutline(area: Area): Ring {
  if (area.type === 'lasso') return area.ring;
  const [w, s, e, n] = area.bounds;
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n]
  ];
}
