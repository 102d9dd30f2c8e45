/**
 * Map selections as SQL predicates on lon/lat (WGS-84 degrees).
 *
 * The lasso is a ray-casting point-in-polygon test written out in SQL: DuckDB's spatial
 * extension is not available offline, and precomputing matching ids in JS would need every
 * point on the main thread first and an `id IN (…)` list as long as the selection. The SQL
 * form runs in the worker, is the same in every engine, caches by text, and restores from a
 * URL with the polygon alone. A bounding-box test in front lets DuckDB skip most rows cheaply.
 */
import { and, isBetween, literal, sql, type ExprNode } from '@uwdata/mosaic-sql';

/** [west, south, east, north] */
export type Bounds = [number, number, number, number];
/** Closed or open ring of [lon, lat]; at least three distinct vertices. */
export type Ring = [number, number][];

export type Area = { type: 'box'; bounds: Bounds } | { type: 'lasso'; ring: Ring };

const lon = sql`lon`;
const lat = sql`lat`;

/** lon/lat inside the box, edges included. */
export function boxPredicate([w, s, e, n]: Bounds): ExprNode {
  return and(
    isBetween(lon, [literal(Math.min(w, e)), literal(Math.max(w, e))]),
    isBetween(lat, [literal(Math.min(s, n)), literal(Math.max(s, n))])
  );
}

export function ringBounds(ring: Ring): Bounds {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * Even-odd rule: a point is inside when a ray towards +lon crosses an odd number of edges.
 * Edge i→j crosses when (yi > lat) ≠ (yj > lat) and lon < xi + (lat − yi)·(xj − xi)/(yj − yi);
 * the slope is computed here, and horizontal edges (never crossed) are left out.
 */
export function lassoPredicate(ring: Ring): ExprNode {
  const crossings: ExprNode[] = [];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi === yj) continue;
    const k = (xj - xi) / (yj - yi);
    crossings.push(
      sql`CAST(((${literal(yi)} > ${lat}) <> (${literal(yj)} > ${lat})) AND ${lon} < ${literal(xi)} + (${lat} - ${literal(yi)}) * ${literal(k)} AS INTEGER)`
    );
  }
  if (crossings.length < 2) return literal(false);
  const parity = crossings.reduce((a, b) => sql`${a} + ${b}`);
  return and(boxPredicate(ringBounds(ring)), sql`(${parity}) % 2 = 1`);
}

export function areaPredicate(area: Area): ExprNode {
  return area.type === 'box' ? boxPredicate(area.bounds) : lassoPredicate(area.ring);
}
