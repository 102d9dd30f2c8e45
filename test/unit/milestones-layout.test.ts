/** The Gantt chart's pure parts: its rows (group headings and projects), the virtual window, scaled scrolling, slip classes. */
import { describe, expect, it } from 'vitest';
import {
  contentOffset,
  ganttLayout,
  keyTarget,
  MAX_SCROLL_PX,
  nextBand,
  orderSpan,
  rowAt,
  rowOfOrder,
  scrollHeight,
  scrollTopFor,
  visibleRows
} from '../../src/lib/views/milestones/layout.ts';
import { BADLY_SLIPPED_DAYS, ON_TIME_DAYS, slipClass } from '../../src/lib/views/milestones/slip.ts';
import { dayScale, dayX, timeTicks } from '../../src/lib/views/milestones/time-axis.ts';

describe('rows', () => {
  const layout = ganttLayout([2, 0, 3]);

  it('puts a heading before each group’s projects', () => {
    expect(layout.total).toBe(8);
    expect(Array.from({ length: 8 }, (_, i) => rowAt(layout, i))).toEqual([
      { kind: 'group', group: 0 },
      { kind: 'project', group: 0, order: 0 },
      { kind: 'project', group: 0, order: 1 },
      { kind: 'group', group: 1 },
      { kind: 'group', group: 2 },
      { kind: 'project', group: 2, order: 2 },
      { kind: 'project', group: 2, order: 3 },
      { kind: 'project', group: 2, order: 4 }
    ]);
    expect(rowAt(layout, 8)).toBeNull();
    expect(rowAt(layout, -1)).toBeNull();
  });

  it('finds a project’s row from its place in the order', () => {
    for (let i = 0; i < layout.total; i++) {
      const r = rowAt(layout, i);
      if (r?.kind === 'project') expect(rowOfOrder(layout, r.order)).toBe(i);
    }
  });

  it('has no rows without groups', () => {
    expect(ganttLayout([]).total).toBe(0);
    expect(visibleRows(ganttLayout([]), 24, 0, 500)).toEqual({ first: -1, last: -2, offset: 0 });
  });
});

describe('keyboard', () => {
  // rows: 0 heading, 1–2 projects, 3 heading (empty group), 4 heading, 5–7 projects
  const layout = ganttLayout([2, 0, 3]);
  it('moves between projects over headings, by page, and to either end', () => {
    expect(keyTarget(layout, 1, 'ArrowDown', 3)).toBe(2);
    expect(keyTarget(layout, 2, 'ArrowDown', 3)).toBe(5);
    expect(keyTarget(layout, 5, 'ArrowUp', 3)).toBe(2);
    expect(keyTarget(layout, 1, 'ArrowUp', 3)).toBeNull();
    expect(keyTarget(layout, 7, 'ArrowDown', 3)).toBeNull();
    expect(keyTarget(layout, 1, 'PageDown', 3)).toBe(5);
    expect(keyTarget(layout, 6, 'PageDown', 3)).toBe(7);
    expect(keyTarget(layout, 7, 'PageUp', 3)).toBe(2);
    expect(keyTarget(layout, 2, 'PageUp', 3)).toBe(1);
    expect(keyTarget(layout, 6, 'Home', 3)).toBe(1);
    expect(keyTarget(layout, 1, 'End', 3)).toBe(7);
    expect(keyTarget(layout, 1, 'Enter', 3)).toBeUndefined();
  });
});

describe('virtual window', () => {
  it('keeps the same number of rows in view wherever the view is', () => {
    const layout = ganttLayout([400, 300, 300]);
    const spans = [0, 2400, 12_000, 23_000].map((top) => visibleRows(layout, 24, top, 480, 4));
    expect(spans[0]).toEqual({ first: 0, last: 23, offset: 0 });
    expect(spans[1]).toEqual({ first: 96, last: 123, offset: 2400 });
    for (const s of spans.slice(1, 3)) expect(s.last - s.first + 1).toBe(28);
    // the end: the last row is the layout's last
    const end = visibleRows(layout, 24, 1003 * 24, 480, 4);
    expect(end.last).toBe(layout.total - 1);
  });

  it('asks the row window for the projects of the rows in view, headings skipped', () => {
    const layout = ganttLayout([2, 0, 3]);
    expect(orderSpan(layout, 0, 4)).toEqual([0, 1]);
    expect(orderSpan(layout, 3, 7)).toEqual([2, 4]);
    expect(orderSpan(layout, 3, 4)).toBeNull();
  });

  it('scales the scroll of content taller than browsers allow, and maps it back', () => {
    const content = 1_000_000 * 24;
    expect(scrollHeight(content)).toBe(MAX_SCROLL_PX);
    const view = 600;
    expect(contentOffset(0, content, view)).toBe(0);
    expect(contentOffset(MAX_SCROLL_PX - view, content, view)).toBe(content - view);
    const mid = contentOffset((MAX_SCROLL_PX - view) / 2, content, view);
    expect(mid).toBeCloseTo((content - view) / 2, 6);
    expect(scrollTopFor(mid, content, view)).toBeCloseTo((MAX_SCROLL_PX - view) / 2, 6);
    // short content scrolls one to one
    expect(contentOffset(300, 10_000, view)).toBe(300);
    expect(scrollTopFor(300, 10_000, view)).toBe(300);
    const last = visibleRows({ total: 1_000_000 }, 24, MAX_SCROLL_PX, view);
    expect(last.last).toBe(999_999);
  });
});

describe('band of drawn rows', () => {
  it('is kept while the view stays inside it, and placed again around the view when it leaves', () => {
    const total = 1000;
    const at = (top: number) => visibleRows({ total }, 20, top, 400, 2);
    const a = nextBand(null, at(2000), total, 20, 2000, 400);
    expect(a).toMatchObject({ first: 78, last: 141, offset: 1560, top: 1560 });
    expect(nextBand(a, at(2100), total, 20, 2100, 400)).toBe(a);
    expect(nextBand(a, at(2400), total, 20, 2400, 400)).toBe(a);
    const b = nextBand(a, at(2500), total, 20, 2500, 400);
    expect(b).not.toBe(a);
    expect(b.first).toBe(103);
    // the same size wherever it is placed
    expect(b.last - b.first).toBe(a.last - a.first);
    // another layout never keeps it
    expect(nextBand(a, at(2100), 999, 20, 2100, 400)).not.toBe(a);
  });

  it('is placed again at every step of a scaled scroll, where the view is', () => {
    const total = 1_000_000;
    const view = visibleRows({ total }, 24, 4_000_000, 600, 2);
    const a = nextBand(null, view, total, 24, 4_000_000, 600);
    expect(nextBand(a, view, total, 24, 4_000_000, 600)).not.toBe(a);
    // its first row sits where the content offset says, relative to the scroll position
    expect(a.top - 4_000_000).toBe(a.offset - view.offset);
  });
});

describe('slip classes', () => {
  it('judges on time, slipped and badly slipped at the named thresholds', () => {
    expect(slipClass(null)).toBe('not_due');
    expect(slipClass(-30)).toBe('on_time');
    expect(slipClass(ON_TIME_DAYS)).toBe('on_time');
    expect(slipClass(ON_TIME_DAYS + 1)).toBe('slipped');
    expect(slipClass(BADLY_SLIPPED_DAYS)).toBe('slipped');
    expect(slipClass(BADLY_SLIPPED_DAYS + 1)).toBe('badly_slipped');
  });
});

describe('time axis', () => {
  it('maps epoch days onto the width and ticks years on a long span, months on a short one', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const x = dayScale(day('2020-01-01'), day('2024-01-01'), 0, 1000);
    expect(dayX(x, day('2020-01-01'))).toBeCloseTo(0, 6);
    expect(dayX(x, day('2024-01-01'))).toBeCloseTo(1000, 6);
    expect(timeTicks(x, 1000).map((t) => t.label)).toEqual(['2020', '2021', '2022', '2023', '2024']);
    const short = dayScale(day('2022-01-01'), day('2022-06-30'), 0, 1000);
    const ticks = timeTicks(short, 1000);
    expect(ticks[0].label).toBe('2022-01');
    expect(ticks.length).toBeGreaterThanOrEqual(5);
  });

  it('never labels two ticks alike, however narrow or short', () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    for (const [a, b, w] of [
      ['2022-09-30', '2022-09-30', 10],
      ['2022-01-01', '2022-03-01', 2000],
      ['2018-01-01', '2028-12-31', 300],
      ['2018-01-01', '2028-12-31', 3000]
    ] as const) {
      const labels = timeTicks(dayScale(day(a), day(b), 0, w), w).map((t) => t.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});
