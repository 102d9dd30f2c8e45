/** The map's districts as drawn: fill and selection per polygon, labels with the shaded figure. */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { districtLabels, districtShapes, districtStates, formatChoroValue } from '../../../src/lib/views/map/district-layer.ts';
import { choroplethScale } from '../../../src/lib/charts/scales.ts';

const square = (x: number): number[][][] => [
  [
    [x, 0],
    [x + 1, 0],
    [x + 1, 1],
    [x, 1],
    [x, 0]
  ]
];
const BASE: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: 'a', name: '城中区', name_en: 'Chengzhong', label: [0.5, 0.5] },
      geometry: { type: 'Polygon', coordinates: square(0) }
    },
    { type: 'Feature', properties: { code: 'b', name: '鱼峰区', label: [2.5, 0.5] }, geometry: { type: 'Polygon', coordinates: square(2) } }
  ]
};

describe('the district layer', () => {
  it('marks the selected and the focused district, and fills each by its value only when shaded', () => {
    const values = new Map<string, number | null>([
      ['a', 5],
      ['b', null]
    ]);
    const plain = districtStates(BASE, { selected: ['b'], focus: null, spec: null, values });
    expect([...plain]).toEqual([
      ['a', { fill: null, selected: false }],
      ['b', { fill: null, selected: true }]
    ]);
    const spec = choroplethScale('count', [5], 10);
    const shaded = districtStates(BASE, { selected: [], focus: 'a', spec, values });
    expect(shaded.get('a')!.selected).toBe(true);
    expect(typeof shaded.get('a')!.fill).toBe('string');
    expect(shaded.get('b')!.fill).not.toBe(shaded.get('a')!.fill);
  });

  it('keeps the polygons as given, or moves them to GCJ-02 for a basemap in that datum', () => {
    expect(districtShapes(BASE, false)).toBe(BASE);
    // Liuzhou: GCJ-02 lies a few hundred metres off WGS-84 there.
    const liuzhou: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { code: 'a' }, geometry: { type: 'Point', coordinates: [109.4, 24.3] } }]
    };
    const shifted = districtShapes(liuzhou, true);
    const [x, y] = (shifted.features[0].geometry as { coordinates: number[] }).coordinates;
    expect(Math.hypot(x - 109.4, y - 24.3)).toBeGreaterThan(0.001);
    expect(Math.hypot(x - 109.4, y - 24.3)).toBeLessThan(0.01);
    expect(shifted.features[0].properties).toEqual({ code: 'a' });
    expect(liuzhou.features[0].geometry).toEqual({ type: 'Point', coordinates: [109.4, 24.3] });
  });

  it('labels each district in the page’s language, with the figure under its name when shaded', () => {
    const names = (fc: FeatureCollection) =>
      fc.features.map((f) => (f.properties as Record<string, string>)[Object.keys(f.properties!)[0]]);
    const zh = districtLabels(BASE, { english: false, figure: null, shift: false });
    expect(JSON.stringify(zh)).toContain('城中区');
    const en = districtLabels(BASE, { english: true, figure: (code) => (code === 'a' ? '12' : '—'), shift: false });
    const text = JSON.stringify(en);
    expect(text).toContain('Chengzhong\\n12');
    expect(text).toContain('鱼峰区\\n—');
    expect(names(en)).toHaveLength(2);
  });

  it('formats a shaded figure by its unit, and nothing as a dash', () => {
    expect(formatChoroValue(null, 'count', 'zh-CN')).toBe('—');
    expect(formatChoroValue(0, 'wan', 'zh-CN')).toBe('0');
    expect(formatChoroValue(0.256, 'ratio', 'en')).toBe('26%');
    expect(formatChoroValue(1234, 'count', 'en')).toBe('1,234');
  });
});
