/** District boundaries: loading, point-in-polygon, random points and lines inside a district. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { DistrictProperties } from '../../src/lib/schema.ts';
import type { Rng } from './prng.ts';

export const BOUNDARY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/boundaries');

export type DistrictCollection = FeatureCollection<Polygon | MultiPolygon, DistrictProperties>;

export interface District {
  code: string;
  name: string;
  nameEn?: string;
  label: [number, number];
  /** Polygons, each a list of rings (first outer, then holes). */
  polygons: Position[][][];
  bbox: [number, number, number, number];
  /** Approximate area in km² (for weighting). */
  areaKm2: number;
}

export function loadBoundaries(file: string): { collection: DistrictCollection; districts: District[] } {
  const collection = JSON.parse(readFileSync(path.join(BOUNDARY_DIR, file), 'utf8')) as DistrictCollection;
  return { collection, districts: collection.features.map(toDistrict) };
}

function ringArea(r: Position[]): number {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j][0] + r[i][0]) * (r[j][1] - r[i][1]);
  return Math.abs(s) / 2;
}

export function toDistrict(f: DistrictCollection['features'][number]): District {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  let area = 0;
  for (const poly of polygons) {
    for (const p of poly[0]) {
      if (p[0] < minX) minX = p[0];
      if (p[0] > maxX) maxX = p[0];
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
    area += ringArea(poly[0]) - poly.slice(1).reduce((s, h) => s + ringArea(h), 0);
  }
  const latRad = (((minY + maxY) / 2) * Math.PI) / 180;
  return {
    code: f.properties.code,
    name: f.properties.name,
    nameEn: f.properties.name_en,
    label: f.properties.label,
    polygons,
    bbox: [minX, minY, maxX, maxY],
    areaKm2: area * 111.32 * 111.32 * Math.cos(latRad)
  };
}

function inRing(x: number, y: number, r: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const xi = r[i][0],
      yi = r[i][1],
      xj = r[j][0],
      yj = r[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point-in-polygon over all parts and holes of a district. */
export function contains(d: District, x: number, y: number): boolean {
  if (x < d.bbox[0] || x > d.bbox[2] || y < d.bbox[1] || y > d.bbox[3]) return false;
  for (const poly of d.polygons) {
    if (!inRing(x, y, poly[0])) continue;
    if (poly.slice(1).some((h) => inRing(x, y, h))) continue;
    return true;
  }
  return false;
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Random point inside the district (6 decimals); `cluster` pulls it toward the label point. */
export function randomPoint(rng: Rng, d: District, cluster = 0.5): [number, number] {
  const [minX, minY, maxX, maxY] = d.bbox;
  const spread = Math.max(maxX - minX, maxY - minY) / 6;
  for (let attempt = 0; attempt < 10000; attempt++) {
    let x: number, y: number;
    if (attempt < 200 && rng.chance(cluster)) {
      x = rng.normal(d.label[0], spread);
      y = rng.normal(d.label[1], spread);
    } else {
      x = rng.range(minX, maxX);
      y = rng.range(minY, maxY);
    }
    x = r6(x);
    y = r6(y);
    if (contains(d, x, y)) return [x, y];
  }
  return d.label;
}

/** A LineString of 3–6 vertices wholly inside the district (checked every ~50 m), or null. */
export function randomLine(rng: Rng, d: District, lengthKm: number): Position[] | null {
  for (let attempt = 0; attempt < 60; attempt++) {
    const start = randomPoint(rng, d, 0.6);
    const n = rng.int(3, 6);
    const stepKm = lengthKm / (n - 1);
    let heading = rng.range(0, 2 * Math.PI);
    const pts: Position[] = [start];
    let ok = true;
    for (let i = 1; i < n && ok; i++) {
      heading += rng.normal(0, 0.35);
      const [px, py] = pts[i - 1];
      const dx = (stepKm * Math.cos(heading)) / (111.32 * Math.cos((py * Math.PI) / 180));
      const dy = (stepKm * Math.sin(heading)) / 110.57;
      const q: Position = [r6(px + dx), r6(py + dy)];
      const samples = Math.max(2, Math.ceil(stepKm / 0.05));
      for (let k = 1; k <= samples && ok; k++) {
        const t = k / samples;
        if (!contains(d, px + (q[0] - px) * t, py + (q[1] - py) * t)) ok = false;
      }
      pts.push(q);
    }
    if (ok) return pts;
  }
  return null;
}

/** Picks a district by weight. */
export function pickDistrict(rng: Rng, districts: District[], weights: number[]): District {
  return rng.weighted(districts, weights);
}
