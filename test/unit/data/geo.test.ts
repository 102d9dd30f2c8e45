/** Locations: every point inside its district polygon (checked with turf, not the generator's own test). */
import * as turf from '@turf/turf';
import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import { decodeRing } from '../../../scripts/boundaries/extract.ts';
import { describe, expect, it } from 'vitest';
import { DEMO_IDS, useDemoDb } from './helpers.ts';

const demo = useDemoDb();

type P = { id: string; district_code: string; lon: number; lat: number; geometry: string | null; location_precision: string };

describe.each(DEMO_IDS)('%s', (id) => {
  it('puts every project point, and every vertex of its line, inside its district', async () => {
    const fc = demo.db.geojson(id);
    const byCode = new Map(fc.features.map((f) => [f.properties.code, f]));
    const rows = await demo.db.rows<P>(
      `SELECT id, district_code, lon, lat, geometry, location_precision FROM ${demo.db.f(id, 'projects')}`
    );
    expect(rows.length).toBeGreaterThan(0);
    const outside: string[] = [];
    for (const p of rows) {
      const d = byCode.get(p.district_code);
      if (!d) {
        outside.push(`${p.id}: unknown district ${p.district_code}`);
        continue;
      }
      if (!turf.booleanPointInPolygon([p.lon, p.lat], d)) outside.push(`${p.id} point`);
      if (p.geometry) {
        const g = JSON.parse(p.geometry) as GeoJSON.LineString;
        expect(g.type).toBe('LineString');
        for (const v of g.coordinates) if (!turf.booleanPointInPolygon(v, d)) outside.push(`${p.id} vertex`);
        expect(g.coordinates.some((v) => v[0] === p.lon && v[1] === p.lat)).toBe(true);
      }
    }
    expect(outside).toEqual([]);
    const precisions = new Set(rows.map((r) => r.location_precision));
    expect([...precisions].every((x) => ['surveyed', 'geocoded', 'district'].includes(x))).toBe(true);
  });

  it('has WGS-84 district polygons with a label point inside each', () => {
    const fc = demo.db.geojson(id);
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.properties.code).toMatch(/^\d{6}$/);
      expect(turf.booleanPointInPolygon(f.properties.label, f)).toBe(true);
      const [x0, y0, x1, y1] = turf.bbox(f);
      expect(x0).toBeGreaterThan(73);
      expect(x1).toBeLessThan(136);
      expect(y0).toBeGreaterThan(18);
      expect(y1).toBeLessThan(54);
    }
  });
});

describe('boundaries', () => {
  it('uses current admin codes (柳江区 450206, 柴桑区 360404, 庐山市 360483)', () => {
    const codes = (file: string) =>
      (
        JSON.parse(readFileSync(new URL(`../../../data/boundaries/${file}`, import.meta.url), 'utf8')) as GeoJSON.FeatureCollection
      ).features.map((f) => (f.properties as { code: string }).code);
    expect(codes('liuzhou.geojson')).toContain('450206');
    expect(codes('liuzhou.geojson')).not.toContain('450221');
    expect(codes('jiujiang.geojson')).toEqual(expect.arrayContaining(['360404', '360483']));
    expect(codes('china-districts.geojson').length).toBeGreaterThan(2500);
  });

  it('decodes the echarts coordinate encoding (two characters a vertex, zigzag deltas, /1024)', () => {
    // First vertices of 柳州 城中区 in the package: ring "@@AA…", encodeOffsets [112048, 24895].
    expect(decodeRing('@@AA', [112048, 24895])).toEqual([
      [109.421875, 24.3115234375],
      [109.4208984375, 24.310546875]
    ]);
  });

  it('converts GCJ-02 to WGS-84 (the GCJ-02 shift near Liuzhou is about 0.005° west / 0.003° north)', () => {
    const [x, y] = gcoord.transform([109.421875, 24.3115234375], gcoord.GCJ02, gcoord.WGS84) as number[];
    expect(109.421875 - x).toBeGreaterThan(0.003);
    expect(y - 24.3115234375).toBeGreaterThan(0.001);
  });
});
