/**
 * The kepler.gl side by side's pure parts (scripts/bench/kepler.ts): its filter ranges, its
 * summary and ratios to Command Map's figures, its table rows and its option.
 */
import { describe, expect, it } from 'vitest';
import { keplerRanges, keplerRows, summariseKepler, type KeplerRun } from '../../../scripts/bench/kepler.ts';
import { parseBenchArgs } from '../../../scripts/bench/options.ts';
import { summarise } from '../../../scripts/bench/stats.ts';

const run = (n: number, onScreen: number | null, totals: number[]): KeplerRun => ({
  projects: 1000,
  run: n,
  on_screen_ms: onScreen,
  rendered_points: onScreen === null ? null : 1000,
  marks: {},
  changes: totals.map((total_ms) => ({ range: [0, 1], data_ms: total_ms / 10, total_ms, shown: 500, settle_ms: 0 })),
  renderer_peak_mb: 300,
  errors: [],
  timed_out: null
});

const commandMap = { load: { points_on_screen_ms: summarise([1000, 2000, 3000]) }, filter_total_ms: summarise([10, 20, 30, 40]) };

describe('kepler.gl filter ranges', () => {
  it('go through fixed fractions of the size domain, the same in every run', () => {
    const ranges = keplerRanges([100, 300], 10);
    expect(ranges).toHaveLength(10);
    expect(ranges[0]).toEqual([120, 300]);
    expect(ranges[1]).toEqual([100, 200]);
    // Eight fractions, then again from the first.
    expect(ranges[8]).toEqual(ranges[0]);
    for (const [lo, hi] of ranges) {
      expect(lo).toBeGreaterThanOrEqual(100);
      expect(hi).toBeLessThanOrEqual(300);
      expect(lo).toBeLessThan(hi);
    }
    expect(keplerRanges([100, 300], 10)).toEqual(ranges);
  });
});

describe('the kepler.gl summary', () => {
  it('divides kepler.gl’s medians and p95 by Command Map’s of the same size', () => {
    const s = summariseKepler([run(1, 4000, [20, 40]), run(2, 6000, [60, 80])], commandMap);
    expect(s.on_screen_ms?.median).toBe(5000);
    expect(s.ratios.on_screen).toBe(2.5);
    expect(s.filter_total_ms?.median).toBe(50);
    expect(s.ratios.filter_total_p50).toBe(2);
    expect(s.ratios.filter_total_p95).toBe(Math.round((s.filter_total_ms!.p95 / commandMap.filter_total_ms!.p95) * 100) / 100);
    expect(s.error).toBeNull();
  });

  it('leaves out a run that never drew its points, and has no ratio where a side has no figure', () => {
    const s = summariseKepler([run(1, null, [999]), run(2, 3000, [30])], { load: { points_on_screen_ms: null }, filter_total_ms: null });
    expect(s.on_screen_ms?.n).toBe(1);
    expect(s.filter_total_ms?.median).toBe(30);
    expect(s.ratios).toEqual({ on_screen: null, filter_total_p50: null, filter_total_p95: null });
  });

  it('says why kepler.gl was not measured, in the results and the table', () => {
    const s = summariseKepler([], commandMap, 'kepler.gl could not be installed or built: npm ci: ENOTFOUND');
    expect(s.error).toContain('ENOTFOUND');
    expect(s.on_screen_ms).toBeNull();
    const row = (label: string, f: (x: { kepler?: typeof s }) => string) => `${label}: ${[{ kepler: s }, {}].map(f).join(' | ')}`;
    expect(keplerRows([{ kepler: s }, {}], row)[0]).toMatch(/: not run \| —$/);
    expect(keplerRows([{}, {}], row)).toEqual([]);
  });
});

describe('the bench’s kepler.gl option', () => {
  it('is on by default and off with --no-kepler', () => {
    expect(parseBenchArgs([]).kepler).toBe(true);
    expect(parseBenchArgs(['--no-kepler']).kepler).toBe(false);
  });
});
