import { describe, expect, it } from 'vitest';
import { choroplethScale, colorOf, densityScale, NO_DATA_HEX, phaseColorScale, sizeOf, sizeScale } from '../../../src/lib/charts/scales.ts';
import { hex, NO_PLAN_COLOR, PHASE_COLORS, RAG_COLORS, type Rgb } from '../../../src/lib/charts/colors.ts';

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

describe('phase colours', () => {
  it('map each phase to its Okabe–Ito colour', () => {
    expect(phaseColorScale()).toEqual({
      type: 'ordinal',
      domain: ['preparatory', 'new', 'continuing', 'completion'],
      range: ['#cc79a7', '#e69f00', '#0072b2', '#009e73']
    });
  });
});

describe('RAG colours and rule', () => {
  it('keeps red, yellow and green apart in lightness, so they survive colour blindness and greyscale', () => {
    const [g, a, r, none] = [RAG_COLORS.green, RAG_COLORS.amber, RAG_COLORS.red, NO_PLAN_COLOR].map(luminance);
    expect(a - g).toBeGreaterThan(0.4);
    expect(a - r).toBeGreaterThan(0.4);
    expect(Math.abs(g - r)).toBeGreaterThan(0.02);
    expect(Math.abs(none - a)).toBeGreaterThan(0.3);
  });

  it('uses no colour twice within the phase palette', () => {
    expect(new Set(Object.values(PHASE_COLORS).map(hex)).size).toBe(4);
  });
});

describe('size scale', () => {
  it('is a square-root scale from 0 to the reference project, which gets 14 px', () => {
    const s = sizeScale(250000);
    expect({ type: s.type, domain: s.domain, range: s.range }).toEqual({ type: 'sqrt', domain: [0, 250000], range: [0, 14] });
    expect(s.factor).toBeCloseTo(14 / 500, 12);
  });

  it('makes area proportional to money and clamps the extremes', () => {
    const s = sizeScale(10000);
    expect(sizeOf(s, 10000)).toBeCloseTo(14, 9);
    expect(sizeOf(s, 2500)).toBeCloseTo(7, 9);
    expect(sizeOf(s, 0)).toBe(2.5);
    expect(sizeOf(s, 1e9)).toBe(40);
  });
});

describe('dot density', () => {
  it('keeps full size for a city and shrinks a national map by 1/√n', () => {
    expect(densityScale(955, 0)).toBe(1);
    expect(densityScale(300000, 0)).toBeCloseTo(0.1, 9);
  });

  it('grows back ×√2 per zoom level in, up to full size', () => {
    expect(densityScale(300000, 2)).toBeCloseTo(0.2, 9);
    expect(densityScale(300000, 20)).toBe(1);
    expect(densityScale(300000, -3)).toBeCloseTo(0.1, 9);
  });
});

describe('district choropleth', () => {
  it('shades amounts on five blues from zero to the largest value', () => {
    expect(choroplethScale('wan', [100, 5000, 2500])).toEqual({
      type: 'quantize',
      domain: [0, 5000],
      range: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']
    });
  });

  it('shades the gap in points on a diverging scale with the RAG breaks, orange behind plan and purple ahead', () => {
    const s = choroplethScale('points', [], 10);
    expect(s).toEqual({ type: 'threshold', domain: [-10, 0, 10], range: ['#e66101', '#fdb863', '#b2abd2', '#5e3c99'] });
    expect(colorOf(s, -10.5)).toBe('#e66101');
    expect(colorOf(s, -10)).toBe('#fdb863');
    expect(colorOf(s, 0)).toBe('#b2abd2');
    expect(colorOf(s, 12)).toBe('#5e3c99');
    expect(choroplethScale('points', [], 5).domain).toEqual([-5, 0, 10]);
  });

  it('spreads rates over the span they cover, on 5% boundaries', () => {
    expect(choroplethScale('ratio', [0.69, 0.75, 0.71]).domain).toEqual([0.65, 0.75]);
    expect(choroplethScale('ratio', [0.7, 0.7]).domain).toEqual([0.7, 0.75]);
    const s = choroplethScale('ratio', [0.69, 0.75]);
    expect(colorOf(s, 0.69)).not.toBe(colorOf(s, 0.75));
  });

  it('gives missing values the no-data grey', () => {
    expect(colorOf(choroplethScale('ratio', [0.5]), null)).toBe(NO_DATA_HEX);
    expect(colorOf(choroplethScale('ratio', [0.5]), Number.NaN)).toBe(NO_DATA_HEX);
  });
});
