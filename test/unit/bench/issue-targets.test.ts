/** The bench's target lines for issue 23 (interactive at first paint) and issue 17 (the data page), scripts/bench/issue-targets.ts. */
import { describe, expect, it } from 'vitest';
import type { AnalystResult } from '../../../scripts/bench/analyst.ts';
import { analystTargets, atMost, firstPaintTargets } from '../../../scripts/bench/issue-targets.ts';

const MB = 2 ** 20;
const figures = (f: Partial<Parameters<typeof firstPaintTargets>[1]> = {}) => ({
  interactive_ms: 1_400,
  interactive_vs_floor: 20,
  filter_p95_ms: 14,
  bytes_before_interactive: 2.4 * MB,
  renderer_peak_mb: 468,
  ...f
});
const byName = (lines: ReturnType<typeof firstPaintTargets>) => Object.fromEntries(lines.map((l) => [l.name.split(/[:(]/)[0].trim(), l]));

describe('issue targets', () => {
  it('an "at most" target is met at its limit, missed past it, and not measured without a figure', () => {
    expect(atMost('x', 16, 16, 'ms')).toEqual({ name: 'x', limit: '≤ 16 ms', value: 16, met: true });
    expect(atMost('x', 16, 16.01, 'ms').met).toBe(false);
    expect(atMost('x', 16, null, 'ms')).toMatchObject({ value: null, met: null });
    expect(atMost('x', 16, Number.NaN, 'ms')).toMatchObject({ value: null, met: null });
  });

  it('holds issue 23’s table at 1k: interactive 1.5 s, filter p95 16 ms, 10 MB, 400 MB, and no ratio to the floor', () => {
    const t = byName(firstPaintTargets(1_000, figures()));
    expect(Object.keys(t)).toEqual([
      'interactive',
      'filter → every view, data',
      'bytes before interactive',
      'renderer memory peak over the map’s stages'
    ]);
    expect(t['interactive']).toMatchObject({ limit: '≤ 1500 ms', met: true });
    expect(t['filter → every view, data']).toMatchObject({ limit: '≤ 16 ms', value: 14, met: true });
    expect(t['bytes before interactive']).toMatchObject({ limit: '≤ 10 MB', value: 2.4, met: true });
    expect(t['renderer memory peak over the map’s stages']).toMatchObject({ limit: '≤ 400 MB', value: 468, met: false });
    expect(byName(firstPaintTargets(1_000, figures({ filter_p95_ms: 17 })))['filter → every view, data'].met).toBe(false);
  });

  it('at 100k and 1M adds the ratio to the floor (4× and 2×); 1M has no bytes target; other sizes have none', () => {
    const k100 = byName(
      firstPaintTargets(100_000, figures({ interactive_ms: 2_240, interactive_vs_floor: 3.99, filter_p95_ms: 28, renderer_peak_mb: 760 }))
    );
    expect(k100['interactive ÷ floor']).toMatchObject({ limit: '≤ 4 ×', met: true });
    expect(k100['interactive']).toMatchObject({ limit: '≤ 3000 ms', met: true });
    expect(k100['bytes before interactive'].limit).toBe('≤ 20 MB');
    const m1 = byName(
      firstPaintTargets(
        1_000_000,
        figures({ interactive_ms: 12_170, interactive_vs_floor: 2.55, filter_p95_ms: 97, renderer_peak_mb: 1_118 })
      )
    );
    expect(m1['interactive']).toMatchObject({ limit: '≤ 10000 ms', met: false });
    expect(m1['interactive ÷ floor']).toMatchObject({ limit: '≤ 2 ×', met: false });
    expect(m1['filter → every view, data']).toMatchObject({ limit: '≤ 100 ms', met: true });
    expect(m1['renderer memory peak over the map’s stages']).toMatchObject({ limit: '≤ 1200 MB', met: true });
    expect(m1['bytes before interactive']).toBeUndefined();
    expect(firstPaintTargets(10_000, figures())).toEqual([]);
  });

  it('holds issue 17’s data page targets: the 1M scroll’s longest task 50 ms, CSV 2 s at 100k and 15 s at 1M', () => {
    const analyst = (a: Partial<AnalystResult>): AnalystResult => ({
      rows: 1,
      scroll_steps: 1,
      scroll_longest_task_ms: 0,
      scroll_long_tasks: 0,
      rows_in_dom_max: 30,
      last_window_ms: 1,
      csv_export_s: 1,
      csv_bytes: 1,
      export_longest_task_ms: 0,
      errors: [],
      ...a
    });
    expect(analystTargets(1_000, analyst({}))).toEqual([]);
    expect(analystTargets(100_000, analyst({ csv_export_s: 2.01 }))).toEqual([
      { name: 'data page: CSV export of every row', limit: '≤ 2 s', value: 2.01, met: false }
    ]);
    const m1 = analystTargets(1_000_000, analyst({ scroll_longest_task_ms: 51, csv_export_s: 12.6 }));
    expect(m1.map((l) => [l.limit, l.met])).toEqual([
      ['≤ 50 ms', false],
      ['≤ 15 s', true]
    ]);
    expect(analystTargets(1_000_000, undefined)).toEqual([]);
  });
});
