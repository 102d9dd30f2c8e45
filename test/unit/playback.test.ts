/**
 * The playback's pure parts: the axis over the programme, the event calendars (checked like the
 * presets), a frame's points and style, the summary's sums, the cumulative curve and the session's
 * playhead.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { playbackAxis } from '../../src/lib/playback/axis.ts';
import { EventsConfigError, eventsOnAxis, parseEventsConfig } from '../../src/lib/playback/events.ts';
import { FINISHED_FILL_ALPHA, frameBuffers, OUTLINE, playbackFrame, type PlaybackData } from '../../src/lib/playback/frame.ts';
import { STAGE } from '../../src/lib/playback/format.ts';
import { monthStarts, summaryFromColumns, summaryInputs } from '../../src/lib/playback/summary.ts';
import { playbackCurve } from '../../src/lib/playback/curve.ts';
import { PlaybackSession } from '../../src/lib/playback/playback-session.svelte.ts';
import { Playhead } from '../../src/lib/playback/playhead.svelte.ts';
import { filtersBeyondSummary, pointSelection, summaryScope } from '../../src/lib/playback/selection.ts';
import { emptyFilters } from '../../src/lib/state/dimensions.ts';
import { INPUT_IDS } from '../../src/lib/metrics/inputs.ts';
import { metricRules } from '../../src/lib/metrics/preset.ts';
import { RAG_COLORS, NO_PLAN_COLOR } from '../../src/lib/charts/colors.ts';

const CONFIG = JSON.parse(readFileSync('static/config/playback-events.json', 'utf8'));
const JIUJIANG_MONTHS = Array.from({ length: 30 }, (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

describe('the playback axis', () => {
  it('runs over every month of the programme, the months after the as-of month without data', () => {
    const axis = playbackAxis([2023, 2021, 2022], JIUJIANG_MONTHS);
    expect(axis.months).toHaveLength(36);
    expect(axis.months[0]).toBe('2021-01');
    expect(axis.months[35]).toBe('2023-12');
    expect(axis.last).toBe(29);
    expect(axis.data[29]).toBe(29);
    expect(axis.data[30]).toBe(-1);
  });
  it('refuses data months outside the programme years', () => {
    expect(() => playbackAxis([2022], ['2021-12', '2022-01'])).toThrow(/2021-12/);
  });
});

describe('the event calendars', () => {
  const axis = playbackAxis([2021, 2022, 2023], JIUJIANG_MONTHS);
  it('puts the site config’s events on the axis, the preset’s own calendar first', () => {
    const config = parseEventsConfig(CONFIG);
    const jiujiang = eventsOnAxis(config, 'jiujiang-2021-2023', axis);
    const at = (id: string) => jiujiang.filter((e) => e.id === id).map((e) => axis.months[e.at]);
    expect(at('good-start')).toEqual(['2021-03', '2022-03', '2023-03']);
    expect(at('half-and-half')).toEqual(['2021-06', '2022-06', '2023-06']);
    expect(at('quarterly-ground-breaking')).toHaveLength(12);
    const other = eventsOnAxis(config, 'lishui-2018', axis);
    expect(other.filter((e) => e.kind === 'inspection').map((e) => axis.months[e.at].slice(5))).toEqual([
      '03',
      '09',
      '03',
      '09',
      '03',
      '09'
    ]);
    expect(other.some((e) => e.name.zh === '集中开工')).toBe(true);
  });
  it('refuses a calendar with a wrong key, naming it', () => {
    const bad = structuredClone(CONFIG);
    bad.calendars[0].events[0].months = [13];
    expect(() => parseEventsConfig(bad)).toThrow(/calendars\[0\]\.events\[0\]\.months\[0\]: 13 is not allowed/);
    const unknown = structuredClone(CONFIG);
    unknown.calendars[1].events[0].when = 'soon';
    expect(() => parseEventsConfig(unknown)).toThrow(EventsConfigError);
    const twice = structuredClone(CONFIG);
    twice.calendars[1].preset = 'default';
    expect(() => parseEventsConfig(twice)).toThrow(/calendars\[1\]\.preset/);
  });
});

/** Three points over two months: a project under construction turning red, one finishing, one not started then leaving. */
function data(): PlaybackData {
  const n = 3;
  return {
    length: n,
    months: ['2022-01', '2022-02'],
    lonlat: new Float32Array(2 * n),
    phase: new Uint8Array(n),
    sqrtTotal: Float32Array.from([3, 2, 1]),
    sqrtAnnual: Float32Array.from([1, 1, 1]),
    rowKey: Int32Array.from([2, 0, 1]),
    stage: Uint8Array.from([
      STAGE.under_construction,
      STAGE.under_construction,
      STAGE.not_started,
      STAGE.under_construction,
      STAGE.finished,
      STAGE.left_plan
    ]),
    rag: Uint8Array.from([1, 2, 0, 3, 1, 0]),
    completed: Int32Array.from([400, 0, 0, 2500, 10000, 0])
  };
}

describe('a playback frame', () => {
  it('shows the started projects in the month’s RAG colour, the finished ones as rings', () => {
    const jan = playbackFrame(data(), 0, 'total');
    expect([...jan.points.selected!]).toEqual([1, 1, 0]);
    expect(jan.counts).toEqual({ underConstruction: 2, finished: 0 });
    expect([...jan.style.fill.slice(0, 4)]).toEqual([...RAG_COLORS.green, 235]);
    expect([...jan.style.fill.slice(4, 8)]).toEqual([...RAG_COLORS.amber, 235]);
    const feb = playbackFrame(data(), 1, 'completed');
    expect([...feb.points.selected!]).toEqual([1, 1, 0]);
    expect(feb.counts).toEqual({ underConstruction: 1, finished: 1 });
    expect([...feb.style.fill.slice(0, 4)]).toEqual([...RAG_COLORS.red, 235]);
    expect([...feb.style.line.slice(0, 4)]).toEqual([...OUTLINE]);
    expect([...feb.style.fill.slice(4, 8)]).toEqual([...RAG_COLORS.green, FINISHED_FILL_ALPHA]);
    expect([...feb.style.line.slice(4, 8)]).toEqual([...RAG_COLORS.green, 255]);
    expect([...feb.style.fill.slice(8, 11)]).toEqual([...NO_PLAN_COLOR]);
    expect([...feb.points.rag]).toEqual([3, 1, 0]);
    // Completed sizes are the square roots of 万元: 25.00 and 100.00.
    expect([...feb.points.sqrtCompleted]).toEqual([5, 10, 0]);
    expect(feb.points.shown).toBe(2);
  });
  it('writes into the buffers it is given, and refuses a month without data', () => {
    const buffers = frameBuffers(3);
    const frame = playbackFrame(data(), 1, 'total', buffers);
    expect(frame.style.fill).toBe(buffers.fill);
    expect(frame.points.selected).toBe(buffers.shown);
    expect(() => playbackFrame(data(), 2, 'total')).toThrow(RangeError);
  });
});

/** A summary of two districts over Nov 2021 – Feb 2022, completed and plan inputs only set. */
function summary() {
  const months = ['2021-11', '2021-12', '2022-01', '2022-02'];
  const rows = [
    [0, 'A', 100, 1000],
    [0, 'B', 50, 1000],
    [1, 'A', 300, 1000],
    [1, 'B', null, 1000],
    [2, 'A', 10, 1200],
    [3, 'A', 30, 1200]
  ] as const;
  const columns: Record<string, unknown[]> = { month: [], district_code: [], sector: [] };
  for (const id of INPUT_IDS) columns[id] = [];
  for (const [m, d, completed, plan] of rows) {
    columns.month.push(m);
    columns.district_code.push(d);
    columns.sector.push('industry');
    for (const id of INPUT_IDS)
      columns[id].push(id === 'completed' ? completed : id === 'plan' || id === 'unscheduled' ? plan : id === 'projects' ? 1 : 0);
  }
  return summaryFromColumns(columns, months);
}

describe('the playback summary', () => {
  it('sums a month’s rows for the districts asked, NULL adding nothing', () => {
    const s = summary();
    expect(summaryInputs(s, 0).completed).toBe(150n);
    expect(summaryInputs(s, 0, { districts: ['B'] }).completed).toBe(50n);
    expect(summaryInputs(s, 1, { districts: ['B'] }).completed).toBeNull();
    expect(summaryInputs(s, 1, { districts: ['C'] }).projects).toBe(0n);
    expect(summaryInputs(s, 1).projects).toBe(2n);
  });
  it('finds where each month starts, and refuses rows out of month order', () => {
    expect([...monthStarts(Int16Array.from([0, 0, 2, 2]), 4)]).toEqual([0, 2, 2, 4, 4]);
    expect(() => monthStarts(Int16Array.from([1, 0]), 2)).toThrow(/out of order/);
  });
  it('gives a curve cumulative over the programme: each year’s last month carries into the next', () => {
    const curve = playbackCurve(summary(), metricRules());
    // 万元 = cents / 100: Nov 1.5, Dec 3.0 (B's NULL adds nothing), Jan 3.0 + 0.1, Feb 3.0 + 0.3.
    expect(curve.actual).toEqual([1.5, 3, 3.1, 3.3]);
    expect(curve.planned[0]).toBeCloseTo((2000 * 11) / 12 / 100, 9);
    expect(curve.planned[2]).toBeCloseTo(20 + 1200 / 12 / 100, 9);
  });
});

describe('a playback session', () => {
  afterEach(() => vi.useRealTimers());
  const open = (start?: string) =>
    new PlaybackSession({
      loaded: {
        data: data(),
        summary: { ...summary(), months: ['2022-01', '2022-02'], start: Int32Array.from([0, 2, 6]) },
        calendars: null
      },
      axis: playbackAxis([2022], ['2022-01', '2022-02']),
      events: [],
      rules: metricRules(),
      start
    });

  it('opens at the month asked for, and keeps the playhead within the months with data', () => {
    const s = open('2022-02');
    expect(s.month).toBe('2022-02');
    s.seek(11);
    expect(s.at).toBe(1);
    s.step(-1);
    s.step(-1);
    expect(s.month).toBe('2022-01');
    expect(open('2022-07').month).toBe('2022-01');
  });
  it('plays a step at a time to the last month with data and stops; steps the map has not drawn count as skipped', () => {
    vi.useFakeTimers();
    const s = open();
    s.setSpeed(2);
    s.play();
    expect(s.playing).toBe(true);
    vi.advanceTimersByTime(499);
    expect(s.at).toBe(0);
    vi.advanceTimersByTime(1);
    expect(s.at).toBe(1);
    expect(s.playing).toBe(false);
    // The first frame was never reported drawn before the step.
    expect(s.skipped).toBe(1);
    s.drawn();
    s.seek(0);
    expect(s.skipped).toBe(1);
    expect(s.kpis.projects).toBe(2);
  });
});

describe('the shared playhead and the filters', () => {
  const loaded = () => ({
    data: data(),
    summary: { ...summary(), months: ['2022-01', '2022-02'], start: Int32Array.from([0, 2, 6]) },
    calendars: null
  });
  const axis = () => playbackAxis([2022], ['2022-01', '2022-02']);

  it('moves a session on the workspace’s playhead when another view moves it, and is one clock for both', () => {
    const head = new Playhead(axis());
    expect(head.engaged).toBe(false);
    const s = new PlaybackSession({
      loaded: loaded(),
      axis: head.axis,
      events: [],
      rules: metricRules(),
      playhead: head,
      start: '2022-01'
    });
    expect(head.engaged).toBe(true);
    expect(s.frame.month).toBe(0);
    head.step(1);
    expect(s.month).toBe('2022-02');
    expect(s.frame.month).toBe(1);
    expect(s.frame.counts).toEqual({ underConstruction: 1, finished: 1 });
    s.step(-1);
    expect(head.month).toBe('2022-01');
    s.destroy();
    head.step(1);
    // A session gone no longer follows, and leaves the playhead taken (the milestones follow it still).
    expect(s.frame.month).toBe(0);
    expect(head.engaged).toBe(true);
    head.release();
    expect(head.engaged).toBe(false);
  });

  it('tells its listeners of each move, engage and release', () => {
    const head = new Playhead(axis());
    const heard: string[] = [];
    const stop = head.listen(() => heard.push(`${head.engaged ? head.month : '-'}`));
    head.engage('2022-02');
    head.seek(0);
    head.seek(0);
    head.release();
    stop();
    head.engage();
    expect(heard).toEqual(['2022-02', '2022-01', '-']);
  });

  it('shows only the points the filters select, and names each point’s project for the card', () => {
    // Points' row_keys [2, 0, 1]; the filters select row_keys 1 and 2 (in the query's order).
    const ids = ['P-two', 'P-one'];
    const selection = pointSelection(Int32Array.from([2, 0, 1]), [2, 1], { length: 2, at: (i) => ids[i] }, true);
    expect([...selection.mask!]).toEqual([1, 0, 1]);
    expect([0, 1, 2, 3].map((i) => selection.idAt(i))).toEqual(['P-two', '', 'P-one', '']);
    const feb = playbackFrame(data(), 1, 'total', frameBuffers(3), selection);
    expect([...feb.points.selected!]).toEqual([1, 0, 0]);
    expect(feb.counts).toEqual({ underConstruction: 1, finished: 0 });
    expect(feb.points.idAt(0)).toBe('P-two');
    const all = pointSelection(Int32Array.from([2, 0, 1]), [0, 1, 2], { length: 3, at: (i) => `P${i}` }, false);
    expect(all.mask).toBeNull();
    expect(all.idAt(1)).toBe('P0');
  });

  it('sums the KPI figures over the districts and sectors of the filters, and names the filters they leave out', () => {
    const filters = { ...emptyFilters(), district: ['B'], phase: ['new'] };
    expect(summaryScope(filters)).toEqual({ districts: ['B'] });
    expect(filtersBeyondSummary(filters)).toEqual(['phase']);
    const s = new PlaybackSession({ loaded: loaded(), axis: axis(), events: [], rules: metricRules() });
    expect(s.kpis.projects).toBe(2);
    s.select(null, summaryScope(filters));
    expect(s.kpis.projects).toBe(1);
    s.select(null, {});
    expect(s.kpis.projects).toBe(2);
  });
});
