/**
 * Which projects' coordinates lie outside every district of the dataset (districts.geojson): the
 * map cannot show them where they belong, so its notice counts them and the project table lists
 * them (facts' `map_placement`, metrics/facts.ts). Tested once, when the dataset is finished,
 * point in polygon against a grid of the districts' bounding boxes: at national scale (a million
 * projects, every county) a scan of all districts per project would not do.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { TABLES } from '../../src/lib/schema.ts';

/** The table of the outside projects' ids that the facts read (FactsInputs.outsideDistricts). */
export const OUTSIDE_TABLE = 'cm_outside_districts';

interface Polygon {
  box: [number, number, number, number];
  /** The outer ring first, then the holes. */
  rings: Position[][];
}

const GRID = 256;

/** Even-odd ray casting: whether (x, y) lies inside the ring. */
function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(x: number, y: number, p: Polygon): boolean {
  const [w, s, e, n] = p.box;
  if (x < w || x > e || y < s || y > n || !inRing(x, y, p.rings[0])) return false;
  return !p.rings.slice(1).some((hole) => inRing(x, y, hole));
}

function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  return [];
}

/** A test of whether a point lies inside any of the districts. */
export function districtTest(districts: FeatureCollection): (lon: number, lat: number) => boolean {
  const polygons: Polygon[] = districts.features.flatMap((f) =>
    polygonsOf(f.geometry).map((rings) => {
      const xs = rings[0].map((c) => c[0]);
      const ys = rings[0].map((c) => c[1]);
      return { rings, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as Polygon['box'] };
    })
  );
  if (polygons.length === 0) return () => false;
  const w = Math.min(...polygons.map((p) => p.box[0]));
  const s = Math.min(...polygons.map((p) => p.box[1]));
  const cw = (Math.max(...polygons.map((p) => p.box[2])) - w) / GRID || 1;
  const ch = (Math.max(...polygons.map((p) => p.box[3])) - s) / GRID || 1;
  const cell = (v: number, from: number, size: number) => Math.min(GRID - 1, Math.max(0, Math.floor((v - from) / size)));
  const grid = new Map<number, Polygon[]>();
  for (const p of polygons)
    for (let gx = cell(p.box[0], w, cw); gx <= cell(p.box[2], w, cw); gx++)
      for (let gy = cell(p.box[1], s, ch); gy <= cell(p.box[3], s, ch); gy++) {
        const key = gx * GRID + gy;
        grid.set(key, [...(grid.get(key) ?? []), p]);
      }
  return (lon, lat) => (grid.get(cell(lon, w, cw) * GRID + cell(lat, s, ch)) ?? []).some((p) => inPolygon(lon, lat, p));
}

/**
 * Creates OUTSIDE_TABLE in `conn` with the ids of the projects of `dir` whose (finite)
 * coordinates lie outside every district of `dir`/districts.geojson; returns how many there are.
 */
export async function createOutsideTable(conn: DuckDBConnection, dir: string): Promise<number> {
  const districts = JSON.parse(await readFile(path.join(dir, 'districts.geojson'), 'utf8')) as FeatureCollection;
  const inside = districtTest(districts);
  const file = path.join(dir, TABLES.projects.file).replaceAll("'", "''");
  const result = await conn.runAndReadAll(
    `SELECT id, CAST(lon AS DOUBLE) AS lon, CAST(lat AS DOUBLE) AS lat FROM read_parquet('${file}') WHERE isfinite(lon) AND isfinite(lat)`
  );
  const [ids, lons, lats] = result.getColumnsJS() as [string[], number[], number[]];
  await conn.run(`CREATE OR REPLACE TABLE ${OUTSIDE_TABLE} (id VARCHAR)`);
  const appender = await conn.createAppender(OUTSIDE_TABLE);
  let outside = 0;
  for (let i = 0; i < ids.length; i++) {
    if (inside(lons[i], lats[i])) continue;
    appender.appendVarchar(ids[i]);
    appender.endRow();
    outside++;
  }
  appender.closeSync();
  return outside;
}
