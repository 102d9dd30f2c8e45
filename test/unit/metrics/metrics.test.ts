/**
 * Each metric against figures worked out by hand on the fixture (see fixture.ts), run on
 * duckdb-wasm, the browser's engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsQuery, metricRules, type MetricLevel } from '../../../src/lib/metrics/index.ts';
import { openWasm, type Engine } from '../db/engines.ts';
import { writeFixture } from './fixture.ts';
import { testPreset } from '../rules/test-preset.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

const rules = metricRules(testPreset());

async function at(month: string, level: MetricLevel, opts: Partial<Parameters<typeof metricsQuery>[0]> = {}) {
  return engine.rows(String(metricsQuery({ month, level, rules, ...opts })));
}
const one = async (month: string) => (await at(month, 'programme'))[0];

describe('investment progress, whole programme', () => {
  it('June: completion 27,140 of a 54,400 plan, elapsed share from the monthly targets (28,700)', async () => {
    const r = await one('2022-06');
    expect(r.projects).toBe(9);
    expect(r.total_investment).toBe(258500.55);
    expect(r.annual_plan).toBe(54400);
    expect(r.completed_ytd).toBe(27140);
    expect(r.completion_rate).toBe(27140 / 54400);
    expect(r.elapsed_share).toBe(28700 / 54400);
    expect(r.gap_points).toBeCloseTo((100 * (27140 - 28700)) / 54400, 12);
    expect(r.rag).toBe('amber');
  });

  it('May: targets with cents (333.33) stay exact', async () => {
    const r = await one('2022-05');
    expect(r.completed_ytd).toBe(21200);
    expect(r.elapsed_share).toBeCloseTo(23833.33 / 54400, 12);
    expect(r.gap_points).toBeCloseTo((100 * (21200 - 23833.33)) / 54400, 12);
    expect(r.rag).toBe('amber');
  });

  it('the gap in 万元 is what is completed less what is planned to date: 27,140 − 28,700 in June, 0 − 55,200 × 4/12 in April', async () => {
    expect((await one('2022-06')).gap_wan).toBe(27140 - 28700);
    expect((await one('2022-05')).gap_wan).toBeCloseTo(21200 - 23833.33, 6);
    expect((await one('2022-04')).gap_wan).toBeCloseTo(-55200 / 3, 6);
    const projects = Object.fromEntries((await at('2022-06', 'project', { metrics: ['gap_wan'] })).map((r) => [r.id, r.gap_wan]));
    // P04: 4,800 completed of 6,000 planned by June; P08 (preparatory) has no plan, so no gap.
    expect(projects).toMatchObject({ P01: 0, P04: -1200, P05: 1200, P08: 0 });
  });

  it('April has no reports: elapsed share falls back to 4/12 and everything is behind', async () => {
    const r = await one('2022-04');
    expect(r.projects).toBe(10); // P09 leaves only on 31 May
    expect(r.annual_plan).toBe(55200);
    expect(r.completed_ytd).toBe(0);
    expect(r.elapsed_share).toBeCloseTo(1 / 3, 12);
    expect(r.gap_points).toBeCloseTo(-100 / 3, 12);
    expect(r.rag).toBe('red');
  });
});

describe('RAG at project level', () => {
  it('is green at plan, amber exactly 10 points behind, red beyond, and empty without a plan', async () => {
    const rows = await at('2022-06', 'project', { metrics: ['completion_rate', 'elapsed_share', 'gap_points', 'rag'] });
    const by = Object.fromEntries(rows.map((r) => [r.id as string, r]));
    expect(Object.keys(by)).not.toContain('P09');
    expect(by.P01).toMatchObject({ completion_rate: 0.5, elapsed_share: 0.5, gap_points: 0, rag: 'green' });
    expect(by.P04).toMatchObject({ completion_rate: 0.4, gap_points: -10, rag: 'amber' });
    expect(by.P10).toMatchObject({ gap_points: -10, rag: 'amber' });
    expect(by.P02).toMatchObject({ completion_rate: 0.35, gap_points: -15, rag: 'red' });
    expect(by.P05).toMatchObject({ completion_rate: 0.55, gap_points: 5, rag: 'green' });
    expect(by.P06).toMatchObject({ completion_rate: 1, elapsed_share: 1, rag: 'green' });
    expect(by.P07).toMatchObject({ completion_rate: 0.375, gap_points: -12.5, rag: 'red' });
    expect(by.P08).toMatchObject({ completion_rate: null, gap_points: null, rag: null });
  });

  it('judges by share of 序时进度 where the preset says so (Wuhan: red below 60%, yellow below 80%), thresholds inclusive', async () => {
    const share = (green: number, amber: number) =>
      metricRules({ ...testPreset('wuhan'), rag: { basis: 'share_of_elapsed', green_min_share: green, amber_min_share: amber } });
    const rag = async (r: typeof rules) =>
      Object.fromEntries((await at('2022-06', 'project', { rules: r, metrics: ['rag'] })).map((x) => [x.id, x.rag]));
    // 序时进度 50% for each: P01 at 100% of it, P04 80%, P07 75%, P02 70%.
    expect(await rag(share(0.8, 0.6))).toMatchObject({ P01: 'green', P04: 'green', P07: 'amber', P02: 'amber', P08: null });
    expect(await rag(share(0.9, 0.75))).toMatchObject({ P01: 'green', P04: 'amber', P07: 'amber', P02: 'red' });
  });

  it('keeps green within a tolerance where the preset gives one (Yinchuan: 10 points, red beyond 30)', async () => {
    const yinchuan = metricRules({
      ...testPreset('yinchuan'),
      rag: { basis: 'points_behind', green_max_points_behind: 10, amber_max_points_behind: 30 }
    });
    const rows = await at('2022-06', 'project', { rules: yinchuan, metrics: ['rag'] });
    expect(Object.fromEntries(rows.map((x) => [x.id, x.rag]))).toMatchObject({ P04: 'green', P07: 'amber', P02: 'amber' });
  });

  it('follows the dataset thresholds', async () => {
    const strict = metricRules(testPreset('strict', { amberPoints: 5 }));
    const lax = metricRules(testPreset('lax', { amberPoints: 15 }));
    const rag = async (r: typeof rules) =>
      Object.fromEntries((await at('2022-06', 'project', { rules: r, metrics: ['rag'] })).map((x) => [x.id, x.rag]));
    expect((await rag(strict)).P04).toBe('red');
    expect((await rag(lax)).P02).toBe('amber');
  });
});

describe('district, sector and unit levels', () => {
  it('districts in June', async () => {
    const rows = await at('2022-06', 'district', { metrics: ['projects', 'gap_points', 'rag'] });
    expect(rows.map((r) => [r.district_code, r.projects, r.rag])).toEqual([
      ['450202', 4, 'amber'],
      ['450203', 3, 'green'],
      ['450205', 2, 'red']
    ]);
    expect(rows[0].gap_points).toBeCloseTo((100 * (10100 - 11900)) / 23800, 12);
    expect(rows[2].gap_points).toBeCloseTo((100 * (3000 - 3600)) / 4200, 12);
  });

  it('infrastructure is exactly 2 points ahead in June', async () => {
    const rows = await at('2022-06', 'sector', { metrics: ['completed_ytd', 'gap_points', 'rag'] });
    expect(rows.find((r) => r.sector === 'infrastructure')).toMatchObject({ completed_ytd: 18200, gap_points: 2, rag: 'green' });
  });

  it('responsible units are ranked by their lead unit', async () => {
    const rows = await at('2022-06', 'unit', { metrics: ['projects', 'gap_points', 'rag'] });
    const by = Object.fromEntries(rows.map((r) => [r.lead_unit as string, r]));
    expect(by['市交通局']).toMatchObject({ projects: 2, rag: 'green' });
    expect(by['市交通局'].gap_points).toBeCloseTo((100 * 700) / 29000, 12);
    expect(by['市住建局'].gap_points).toBeCloseTo((100 * -1200) / 18000, 12);
    expect(by['市林业局']).toBeUndefined();
  });
});

describe('starts, completions, approvals, registration', () => {
  it('start rate counts new projects started by the month end, without projects that left', async () => {
    expect(await one('2022-06')).toMatchObject({ new_projects: 3, new_started: 2, start_rate: 2 / 3 });
    expect(await one('2022-05')).toMatchObject({ new_projects: 3, new_started: 1, start_rate: 1 / 3 });
    expect(await one('2022-04')).toMatchObject({ new_projects: 4, new_started: 2, start_rate: 0.5 });
  });

  it('completion projects finished', async () => {
    expect(await one('2022-06')).toMatchObject({ completion_projects: 2, completion_finished: 1, finish_rate: 0.5 });
  });

  it('approvals done out of those required, dated approvals counting from their date', async () => {
    expect(await one('2022-06')).toMatchObject({ approvals_required: 52, approvals_done: 43, approvals_rate: 43 / 52 });
    expect(await one('2022-05')).toMatchObject({ approvals_done: 42 });
  });

  it('stat registration among implementation projects', async () => {
    expect(await one('2022-06')).toMatchObject({ stat_registered: 6, stat_registered_rate: 0.75 });
  });
});

describe('problems and reports', () => {
  it('problem ledger as at each month end', async () => {
    expect(await one('2022-06')).toMatchObject({
      problems_raised: 6,
      problems_closed: 2,
      problems_open: 3,
      problems_overdue: 2,
      problem_close_rate: 1 / 3
    });
    expect(await one('2022-05')).toMatchObject({
      problems_raised: 5,
      problems_closed: 1,
      problems_open: 4,
      problems_overdue: 3,
      problem_close_rate: 0.2
    });
    expect(await one('2022-04')).toMatchObject({ problems_raised: 5, problems_closed: 0, problems_overdue: 3 });
  });

  it('late reports: after the 5th of the next month, or missing', async () => {
    expect(await one('2022-06')).toMatchObject({ reports_late: 3, reports_late_rate: 3 / 9, reports_late_ytd: 5 });
    expect(await one('2022-05')).toMatchObject({ reports_late: 2, reports_late_ytd: 2 });
    expect(await one('2022-04')).toMatchObject({ reports_late: 10, reports_late_ytd: 0 });
  });

  it('Jiujiang rule: due on the 25th of the same month', async () => {
    const j = metricRules(testPreset('j', { dueDay: 25, dueMonth: 'same' }));
    expect((await at('2022-06', 'programme', { rules: j, metrics: ['reports_late'] }))[0].reports_late).toBe(9);
  });
});

describe('public build', () => {
  it('keeps public figures and leaves internal metrics empty', async () => {
    const r = (await at('2022-06', 'programme', { internal: false, metrics: ['projects', 'annual_plan', 'start_rate', 'rag'] }))[0];
    expect(r).toEqual({ projects: 10, annual_plan: 55200, start_rate: null, rag: null });
  });
});
