/** The map's districts as drawn: fill and selection per polygon, labels with the shaded figure. */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { districtLabels, formatChoroValue, styledDistricts } from '../../../src/lib/views/map/district-layer.ts';
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
      properties: { code: 'a', name: '城中区', name_en: 'Chengzhong' },
      geometry: { type: 'Polygon', coordinates: square(0) }
    },
    { type: 'Feature', properties: { code: 'b', name: '鱼峰区' }, geometry: { type: 'Polygon', coordinates: square(2) } }
  ]
};

describe('the district layer', () => {
  it('marks the selected and the focused district, and fills each by its value only when shaded', () => {
    const values = new Map<string, number | null>([
      ['a', 5],
      ['b', null]
    ]);
    const plain = styledDistricts(BASE, { selected: ['b'], focus: null, spec: null, values, shift: false });
    expect(plain.features.map((f) => [f.properties!.selected, f.properties!.fill])).toEqual([
      [false, null],
      [true, null]
    ]);
    const spec = choroplethScale('count', [5], 10);
    const shaded = styledDistricts(BASE, { selected: [], focus: 'a', spec, values, shift: false });
    expect(shaded.features[0].properties!.selected).toBe(true);
    expect(typeof shaded.features[0].properties!.fill).toBe('string');
    expect(shaded.features[1].properties!.fill).not.toBe(shaded.features[0].properties!.fill);
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
