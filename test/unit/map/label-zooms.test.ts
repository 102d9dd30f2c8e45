/** The district labels' zooms: placed once, largest first, each from the first zoom where it clears the others. */
import { describe, expect, it } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { labelMinZooms, labelTextEm, LABEL_ZOOM_MAX, type LabelBox } from '../../../src/lib/map/label-zooms.ts';
import { labelZoomFilter } from '../../../src/lib/map/basemap-style.ts';

const box = (lon: number, lat: number, priority: number, widthEm = 3): LabelBox => ({ lon, lat, widthEm, heightEm: 1.25, priority });

/** Overlap at zoom z as labelMinZooms places labels (512 px world, 2 px padding), from first principles. */
function overlap(a: LabelBox, b: LabelBox, z: number, px: number): boolean {
  const world = 512 * 2 ** z;
  const y = (lat: number) => {
    const phi = (lat * Math.PI) / 180;
    return ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * world;
  };
  const dx = Math.abs(((a.lon - b.lon) / 360) * world);
  const dy = Math.abs(y(a.lat) - y(b.lat));
  return dx < ((a.widthEm + b.widthEm) * px) / 2 + 4 && dy < ((a.heightEm + b.heightEm) * px) / 2 + 4;
}

describe('label zooms', () => {
  it('measures a label in ems: a Chinese character is one, a Latin letter or digit 0.6, lines at the line height', () => {
    expect(labelTextEm(['东城区'], 1.25)).toEqual({ widthEm: 3, heightEm: 1.25 });
    expect(labelTextEm(['Dongcheng'], 1.25).widthEm).toBeCloseTo(5.4);
    expect(labelTextEm(['城中区', '12,345'], 1.25)).toEqual({ widthEm: 3.6, heightEm: 2.5 });
  });

  it('names the larger of two colliding districts first, and the smaller from the first zoom where it clears it', () => {
    // 0.1° apart on the equator: 0.1 / 360 of the world, 14 px labels three ems wide (46 px apart with padding).
    const [big, small] = [box(100, 0, 10), box(100.1, 0, 1)];
    const zooms = labelMinZooms([small, big], 14);
    expect(zooms[1]).toBe(0);
    let first = 0;
    while (overlap(big, small, first, 14)) first++;
    expect(first).toBeGreaterThan(3);
    expect(zooms[0]).toBe(first);
    // The order given does not matter, only the priority.
    expect([...labelMinZooms([big, small], 14)]).toEqual([0, first]);
  });

  it('lets a label that never clears another through from the last zoom, for MapLibre to decide', () => {
    const zooms = labelMinZooms([box(10, 10, 2), box(10, 10, 1)], 14);
    expect([...zooms]).toEqual([0, LABEL_ZOOM_MAX]);
  });

  it('places no two labels that overlap at the zoom they are both shown from, and every label it can', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const boxes = Array.from({ length: 200 }, () => box(100 + 10 * random(), 20 + 10 * random(), random(), 1 + 8 * random()));
    const zooms = labelMinZooms(boxes, 14);
    for (let z = 0; z < LABEL_ZOOM_MAX; z++) {
      const shown = boxes.map((b, i) => i).filter((i) => zooms[i] <= z);
      for (const i of shown) for (const j of shown) if (i < j) expect(overlap(boxes[i], boxes[j], z, 14)).toBe(false);
      // Not shown yet: it overlaps one shown.
      for (let i = 0; i < boxes.length; i++) if (zooms[i] > z) expect(shown.some((j) => overlap(boxes[i], boxes[j], z, 14))).toBe(true);
    }
  });

  it('lets a label through from the whole zoom before the one where it clears the others, a larger text as much later', () => {
    const passes = (px: number, zoom: number, minzoom: number) =>
      featureFilter(labelZoomFilter(px), 'layers[0].filter').filter({ zoom }, { type: 1, properties: { minzoom }, geometry: [] } as never);
    // A map between zoom 3 and 4 draws zoom 3's tiles: a label that clears the others at 4 may show at 3.9.
    expect(passes(14, 3, 4)).toBe(true);
    expect(passes(14, 3, 5)).toBe(false);
    expect(passes(14, 0, 0)).toBe(true);
    // Twice the text clears them a zoom later; 36 px (the wall at 4K) 1.36 zooms later, by whole zooms let through early.
    expect(passes(28, 4, 4)).toBe(true);
    expect(passes(28, 4, 5)).toBe(false);
    expect(passes(36, 8, 8)).toBe(true);
    expect(passes(36, 8, 9)).toBe(false);
  });
});
