import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { needsShift, shiftGeoJSON, shiftLonLat, shiftPoint, unshiftRing } from '../../../src/lib/map/datum.ts';
import { areaMask, areaOutline, boxMask, ringMask, simplifyRing } from '../../../src/lib/map/lasso.ts';
import { lassoPredicate, type Ring } from '../../../src/lib/queries/area.ts';
import { openNodeApi } from '../db/engines.ts';

/** Metres between two lon/lat points (equirectangular, fine at this scale). */
const metres = ([x0, y0]: number[], [x1, y1]: number[]) =>
  Math.hypot((x1 - x0) * 111320 * Math.cos((y0 * Math.PI) / 180), (y1 - y0) * 110540);

describe('datum shift for GCJ-02 basemaps', () => {
  it('only GCJ-02 basemaps need it; CGCS2000 and WGS-84 agree at map scale', () => {
    expect([needsShift('WGS84'), needsShift('CGCS2000'), needsShift('GCJ02')]).toEqual([false, false, true]);
  });

  it('moves a point in Liuzhou by the few hundred metres GCJ-02 is off, and back', () => {
    const p: [number, number] = [109.4155, 24.3255];
    const q = shiftPoint(p);
    expect(metres(p, q)).toBeGreaterThan(200);
    expect(metres(p, q)).toBeLessThan(800);
    const [back] = unshiftRing([q]);
    expect(metres(p, back)).toBeLessThan(1);
  });

  it('shifts interleaved positions the same way as single points', () => {
    const shifted = shiftLonLat(Float32Array.from([109.4155, 24.3255, 106.63, 26.65]));
    const q = shiftPoint([106.63, 26.65]);
    expect(shifted[2]).toBeCloseTo(q[0], 4);
    expect(shifted[3]).toBeCloseTo(q[1], 4);
  });

  it('returns the same shifted array for the same positions, a new one for new positions', () => {
    const lonlat = Float32Array.from([109.4155, 24.3255]);
    const first = shiftLonLat(lonlat);
    expect(shiftLonLat(lonlat)).toBe(first);
    const copy = shiftLonLat(Float32Array.from(lonlat));
    expect(copy).not.toBe(first);
    expect(Array.from(copy)).toEqual(Array.from(first));
  });

  it('shifts polygons and their label points without touching the original', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { label: [109.41, 24.32] },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [109.4, 24.3],
                [109.45, 24.3],
                [109.45, 24.35],
                [109.4, 24.3]
              ]
            ]
          }
        }
      ]
    };
    const out = shiftGeoJSON(fc);
    expect((fc.features[0].geometry as { coordinates: number[][][] }).coordinates[0][0]).toEqual([109.4, 24.3]);
    expect(metres([109.4, 24.3], (out.features[0].geometry as { coordinates: number[][][] }).coordinates[0][0])).toBeGreaterThan(200);
    expect(metres([109.41, 24.32], (out.features[0].properties as { label: number[] }).label)).toBeGreaterThan(200);
  });
});

describe('box and lasso highlight on the map', () => {
  it('keeps at most 60 vertices of a drawn ring', () => {
    const ring: Ring = Array.from({ length: 500 }, (_, i) => [Math.cos(i / 80), Math.sin(i / 80)]);
    expect(simplifyRing(ring)).toHaveLength(60);
    expect(simplifyRing(ring.slice(0, 10))).toHaveLength(10);
  });

  it('marks the same points as the SQL lasso that filters the other views', async () => {
    const ring: Ring = [
      [109.3, 24.2],
      [109.5, 24.2],
      [109.5, 24.4],
      [109.4, 24.28],
      [109.3, 24.4]
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
    // Float32 positions, as the map holds them; SQL sees the same rounded values.
    const lonlat = Float32Array.from(Array.from({ length: 3000 }, (_, i) => (i % 2 ? 24.15 + rand() * 0.3 : 109.25 + rand() * 0.3)));
    const mask = ringMask(lonlat, ring);
    const db = await openNodeApi();
    const values = Array.from({ length: 1500 }, (_, i) => `(${i}, ${lonlat[2 * i]}, ${lonlat[2 * i + 1]})`).join(',');
    const rows = await db.rows(`SELECT i FROM (VALUES ${values}) AS t(i, lon, lat) WHERE ${lassoPredicate(ring)} ORDER BY i`);
    db.close();
    const marked = [...mask].flatMap((m, i) => (m ? [i] : []));
    expect(marked.length).toBeGreaterThan(200);
    expect(marked).toEqual(rows.map((r) => r.i));
  });

  it('marks the points inside a box, edges included', () => {
    expect([...boxMask(Float32Array.from([0, 0, 1, 1, 2, 2]), [0, 0, 1, 1])]).toEqual([1, 1, 0]);
  });
});

describe('the map selection as the map draws it', () => {
  const lonlat = new Float32Array([109.4, 24.3, 109.5, 24.4, 109.6, 24.5]);
  it('masks a box with its edges included and a lasso by the even–odd rule, as boxMask and ringMask do', () => {
    const box = { type: 'box' as const, bounds: [109.45, 24.35, 109.6, 24.5] as [number, number, number, number] };
    expect([...areaMask(lonlat, box)]).toEqual([...boxMask(lonlat, box.bounds)]);
    expect([...areaMask(lonlat, box)]).toEqual([0, 1, 1]);
    const ring: Ring = [
      [109.35, 24.25],
      [109.55, 24.25],
      [109.55, 24.45],
      [109.35, 24.45]
    ];
    expect([...areaMask(lonlat, { type: 'lasso', ring })]).toEqual([...ringMask(lonlat, ring)]);
    expect([...areaMask(lonlat, { type: 'lasso', ring })]).toEqual([1, 1, 0]);
  });
  it('outlines a box by its four corners, counter-clockwise from the south-west, and a lasso by its own ring', () => {
    expect(areaOutline({ type: 'box', bounds: [1, 2, 3, 4] })).toEqual([
      [1, 2],
      [3, 2],
      [3, 4],
      [1, 4]
    ]);
    const ring: Ring = [
      [0, 0],
      [1, 0],
      [0, 1]
    ];
    expect(areaOutline({ type: 'lasso', ring })).toBe(ring);
  });
});
