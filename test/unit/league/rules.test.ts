/** The plans' rules other than the league table, each worked out by hand on a few projects, run on @duckdb/node-api. */
import { afterEach, describe, expect, it } from 'vitest';
import { demeritsByUnitQuery, missedTargetsQuery } from '../../../src/lib/league/demerits.ts';
import { leaderBreachesQuery } from '../../../src/lib/league/leader-breaches.ts';
import { programmeTargetsQuery } from '../../../src/lib/league/programme-targets.ts';
import { sizeClassTargetsQuery } from '../../../src/lib/league/size-class.ts';
import { stalledProjectsQuery } from '../../../src/lib/league/stalled.ts';
import { taskNoticesQuery } from '../../../src/lib/league/task-notices.ts';
import { GUIYANG_2021_PRESET } from '../../../src/lib/rules/presets/guiyang.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { APPROVAL_KINDS } from '../../../src/lib/schema.ts';
import { COUNTY_2023_PRESET } from '../../../src/lib/rules/presets/county.ts';
import { LISHUI_THRESHOLDS } from '../../../src/lib/rules/presets/lishui.ts';
import type { ProgrammeTarget } from '../../../src/lib/rules/preset-schema.ts';
import type { Engine } from '../db/engines.ts';
import { ruleDb } from './rule-fixture.ts';

let engine: Engine | undefined;
const day = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
afterEach(() => engine?.close());

describe('missed monthly targets (Lishui): a warning and demerit points each', () => {
  const report = (project_id: string, month: string, planned_ytd: number | null, completed_ytd: number | null) => ({
    project_id,
    month,
    planned_ytd,
    completed_ytd
  });
  const rows = {
    projects: [
      { id: 'L1', district_code: 'D1', lead_unit: 'U1', phase: 'new', annual_plan: 1200 },
      { id: 'L2', district_code: 'D1', lead_unit: 'U2', phase: 'new', annual_plan: 1000 },
      { id: 'L3', district_code: 'D2', lead_unit: 'U1', phase: 'new', annual_plan: 500 },
      { id: 'L4', district_code: 'D2', lead_unit: 'U3', phase: 'preparatory', annual_plan: 0 }
    ],
    monthly: [
      report('L1', '2017-12-01', 100, 0),
      report('L1', '2018-01-01', 100, 100),
      report('L1', '2018-02-01', 300, 250),
      report('L1', '2018-03-01', 600, 600),
      report('L1', '2018-04-01', 900, 700),
      report('L2', '2018-01-01', 100, null),
      report('L2', '2018-02-01', 200, 200),
      report('L2', '2018-03-01', 300, 290),
      report('L3', '2018-02-01', null, 0),
      report('L4', '2018-02-01', 10, 0)
    ]
  };
  const penalty = { tolerance_points: 0, warnings_per_miss: 1, demerit_points_per_miss: 2 };

  it('lists each month short of its target, January to the month, only where a target and a plan exist', async () => {
    engine = await ruleDb(rows);
    const missed = await engine.rows(String(missedTargetsQuery(toMonth('2018-03'), penalty)));
    expect(missed.map((r) => [r.project_id, day(r.month), r.warnings, r.demerit_points])).toEqual([
      ['L1', '2018-02-01', 1, 2],
      ['L2', '2018-01-01', 1, 2],
      ['L2', '2018-03-01', 1, 2]
    ]);
    // L1 in February: 50 short of 300 on a plan of 1,200 = 4.17 points.
    expect(missed[0].shortfall_points).toBeCloseTo(4.1667, 4);
  });

  it('lets a shortfall within the tolerance pass: L2’s March, exactly 1 point short, with 1 point allowed', async () => {
    engine = await ruleDb(rows);
    const missed = await engine.rows(String(missedTargetsQuery(toMonth('2018-03'), { ...penalty, tolerance_points: 1 })));
    expect(missed.map((r) => r.project_id)).toEqual(['L1', 'L2']);
  });

  it('adds up warnings and demerit points per unit over the year, most demerits first', async () => {
    engine = await ruleDb(rows);
    const byUnit = await engine.rows(String(demeritsByUnitQuery(toMonth('2018-03'), penalty, 'lead_unit')));
    expect(byUnit.map((r) => [r.unit, r.missed, r.projects, r.warnings, r.demerit_points])).toEqual([
      ['U2', 2, 1, 2, 4],
      ['U1', 1, 1, 1, 2]
    ]);
  });
});

describe('the stalled rule (county 2023): ready to start, no real progress two months running', () => {
  const done = (date: string | null, overrides: Record<string, string | null> = {}) =>
    Object.fromEntries(
      APPROVAL_KINDS.flatMap((k) => {
        const status = overrides[k] ?? 'done';
        return [
          [`approval_${k}`, status],
          [`approval_${k}_date`, status === 'done' ? (overrides[`${k}_date`] ?? date) : null]
        ];
      })
    );
  const project = (id: string, phase: string, approvals: Record<string, string | null>) => ({
    id,
    name: id,
    phase,
    district_code: 'D1',
    lead_unit: 'U1',
    ...approvals
  });
  const report = (project_id: string, month: string, completed_month: number, physical_progress: number) => ({
    project_id,
    month,
    completed_month,
    physical_progress
  });
  const reports = (id: string, [mar, apr, may]: [number, number][]) => [
    report(id, '2023-03-01', ...mar),
    report(id, '2023-04-01', ...apr),
    report(id, '2023-05-01', ...may)
  ];
  const rows = {
    projects: [
      project('S1', 'new', done('2023-02-10')),
      project('S2', 'new', done('2023-02-10')),
      project('S3', 'new', done('2023-02-10', { construction_date: '2023-04-15' })),
      project('S4', 'continuing', done('2023-02-10')),
      project('S5', 'new', done('2023-01-05', { eia: 'not_required' })),
      project('S6', 'new', done('2023-02-10')),
      project('S7', 'new', done('2023-02-10'))
    ],
    monthly: [
      ...reports('S1', [
        [10, 5],
        [0, 5],
        [0, 5]
      ]),
      ...reports('S2', [
        [10, 5],
        [0, 5],
        [0, 6]
      ]),
      ...reports('S3', [
        [0, 0],
        [0, 0],
        [0, 0]
      ]),
      ...reports('S4', [
        [0, 5],
        [0, 5],
        [0, 5]
      ]),
      ...reports('S6', [
        [0, 5],
        [5, 5],
        [0, 5]
      ]),
      // progress in April against March, the month before the window
      ...reports('S7', [
        [0, 5],
        [0, 6],
        [0, 6]
      ])
    ]
  };

  it('flags S1 (nothing in April and May) and S5 (no report at all), not those that moved, became ready late or are not new', async () => {
    engine = await ruleDb(rows);
    const stalled = await engine.rows(String(stalledProjectsQuery('2023-05', COUNTY_2023_PRESET.stalled!)));
    expect(stalled.map((r) => r.id)).toEqual(['S1', 'S5']);
    expect(stalled[0]).toMatchObject({ months_without_progress: 2, consequence: 'revoke_approval_and_land_quota' });
  });
});

describe('size-class targets (county 2023), on the month’s facts', () => {
  const fact = (
    id: string,
    phase: string,
    total_investment: number,
    annual_plan: number,
    completed_ytd: number,
    finished = false,
    in_plan = true
  ) => ({
    id,
    name: id,
    phase,
    total_investment,
    annual_plan,
    completed_ytd,
    finished,
    in_plan
  });
  const FACTS = [
    fact('N1', 'new', 5000, 1000, 350),
    fact('N2', 'new', 3000, 1000, 200),
    fact('C1', 'continuing', 8000, 2000, 900),
    fact('C2', 'continuing', 2500, 500, 100),
    fact('S1', 'completion', 800, 800, 800, true),
    fact('N3', 'new', 900, 900, 100),
    fact('P1', 'preparatory', 500, 0, 0),
    fact('X1', 'new', 6000, 1000, 0, false, false)
  ];

  it('puts each project in its classes and judges it against the year’s target and the pace to June', async () => {
    engine = await ruleDb({});
    const cols = Object.keys(FACTS[0]);
    await engine.rows(
      `CREATE TABLE facts AS SELECT * FROM (VALUES ${FACTS.map(
        (f) =>
          `(${Object.values(f)
            .map((v) => (typeof v === 'string' ? `'${v}'` : String(v)))
            .join(', ')})`
      ).join(', ')}) v(${cols.join(', ')})`
    );
    const rows = await engine.rows(String(sizeClassTargetsQuery('2023-06', COUNTY_2023_PRESET.size_class_targets!, { facts: 'facts' })));
    // Pace in June: new ≥ 3,000万 60% × 6/12 = 30%; continuing ≥ 3,000万 90% × 6/12 = 45% (C1 exactly).
    expect(rows.map((r) => [r.target_id, r.id, r.met, r.on_pace])).toEqual([
      ['continuing-ge3000', 'C1', false, true],
      ['continuing-lt3000', 'C2', false, true],
      ['lt1000', 'N3', false, true],
      ['lt1000', 'S1', true, true],
      ['new-ge3000', 'N1', false, true],
      ['new-ge3000', 'N2', false, false]
    ]);
  });
});

describe('leader-led thresholds (Lishui)', () => {
  const led = (id: string, lead_official_rank: string | null, sector: string, total_investment: number) => ({
    id,
    name: id,
    lead_official: '某',
    lead_official_rank,
    sector,
    total_investment
  });
  it('lists each project led below its rank’s minimum, and leaders’ projects outside industry and infrastructure', async () => {
    engine = await ruleDb({
      projects: [
        led('K1', 'city_leader', 'industry', 250000),
        led('K2', 'city_leader', 'infrastructure', 400000),
        led('K3', 'city_leader', 'livelihood', 900000),
        led('K4', 'key_department', 'livelihood', 120000),
        led('K5', 'key_department', 'ecology', 50000),
        led('K6', 'other_department', 'industry', 30000),
        led('K7', null, 'industry', 10)
      ]
    });
    const rows = await engine.rows(String(leaderBreachesQuery(LISHUI_THRESHOLDS)));
    expect(rows.map((r) => [r.id, r.minimum])).toEqual([
      ['K2', 500000],
      ['K3', null],
      ['K5', 100000]
    ]);
  });
});

describe('programme targets', () => {
  const fact = (
    id: string,
    phase: string,
    level: string,
    total_investment: number,
    annual_plan: number,
    completed_ytd: number,
    started: boolean
  ) => ({
    id,
    phase,
    level,
    total_investment,
    annual_plan,
    completed_ytd,
    started,
    in_plan: true
  });
  // 6 new county projects, 5 started (83.3%); a new city project not started; reserve 5,000 against annual 1,000.25.
  const FACTS = [
    ...['1', '2', '3', '4', '5'].map((n) => fact(`N${n}`, 'new', 'county', 1000, 100, 50, true)),
    fact('N6', 'new', 'county', 1000, 100, 0, false),
    fact('M1', 'new', 'city', 1000, 400.25, 10, false),
    fact('P1', 'preparatory', 'county', 5000, 0, 0, false)
  ];

  it('measures the start rate of the levels named, the reserve multiple exactly, and the year’s completed investment', async () => {
    engine = await ruleDb({});
    const cols = Object.keys(FACTS[0]);
    await engine.rows(
      `CREATE TABLE facts AS SELECT id, phase, level, total_investment::DECIMAL(18,2) AS total_investment, annual_plan::DECIMAL(18,2) AS annual_plan, completed_ytd::DECIMAL(18,2) AS completed_ytd, started, in_plan FROM (VALUES ${FACTS.map(
        (f) =>
          `(${Object.values(f)
            .map((v) => (typeof v === 'string' ? `'${v}'` : String(v)))
            .join(', ')})`
      ).join(', ')}) v(${cols.join(', ')})`
    );
    const targets: ProgrammeTarget[] = [
      ...COUNTY_2023_PRESET.programme_targets!,
      { id: 'completed', name: { zh: '完成投资', en: 'Completed' }, kind: 'annual_completed', min_wan: 260, years: [2023] },
      { id: 'completed-2024', name: { zh: '完成投资', en: 'Completed' }, kind: 'annual_completed', min_wan: 1, years: [2024] }
    ];
    const rows = await engine.rows(String(programmeTargetsQuery('2023-06', targets, { facts: 'facts' })));
    const by = Object.fromEntries(rows.map((r) => [r.target_id, r]));
    expect(by['county-key-start-rate']).toMatchObject({ met: true, minimum: 0.83 });
    expect(by['county-key-start-rate'].value).toBeCloseTo(5 / 6, 12);
    // Reserve 5,000 against 1,000.25 of annual plan: 4.9988×, short of 5× by an amount a float sum could blur.
    expect(by['reserve-5x']).toMatchObject({ met: false });
    expect(by['reserve-5x'].value).toBeCloseTo(5000 / 1000.25, 9);
    expect(by.completed).toMatchObject({ value: 260, met: true });
    expect(by['completed-2024'].met).toBeNull();
    expect(rows.every((r) => r.measured === true)).toBe(true);
  });

  it('does not judge a target over projects the programme does not list: no reserve project, no new county project', async () => {
    engine = await ruleDb({});
    await engine.rows(
      `CREATE TABLE facts AS SELECT * FROM (VALUES ('C1', 'continuing', 'city', 1000::DECIMAL(18,2), 100::DECIMAL(18,2), 50::DECIMAL(18,2), TRUE, TRUE))
        v(id, phase, level, total_investment, annual_plan, completed_ytd, started, in_plan)`
    );
    const rows = await engine.rows(String(programmeTargetsQuery('2023-06', COUNTY_2023_PRESET.programme_targets!, { facts: 'facts' })));
    expect(rows.map((r) => [r.target_id, r.measured, r.value, r.met])).toEqual([
      ['county-key-start-rate', false, null, null],
      ['reserve-5x', false, null, null]
    ]);
  });
});

describe('task notices (Guiyang)', () => {
  it('lists per district its implementation projects with approvals outstanding and those not registered', async () => {
    engine = await ruleDb({});
    await engine.rows(`CREATE TABLE facts AS SELECT * FROM (VALUES
      ('T1', 'D1', 'new', 6, 6, TRUE, TRUE),
      ('T2', 'D1', 'new', 6, 4, TRUE, TRUE),
      ('T3', 'D1', 'continuing', 6, 6, FALSE, TRUE),
      ('T4', 'D2', 'new', 6, 5, NULL, TRUE),
      ('T5', 'D2', 'preparatory', 6, 0, FALSE, TRUE),
      ('T6', 'D2', 'new', 6, 0, FALSE, FALSE)
    ) v(id, district_code, phase, approvals_required, approvals_done, stat_registered, in_plan)`);
    await engine.rows(`ALTER TABLE facts ADD COLUMN name VARCHAR DEFAULT 'n'`);
    const rows = await engine.rows(String(taskNoticesQuery(GUIYANG_2021_PRESET.task_notices!, { facts: 'facts' })));
    expect(rows.map((r) => [r.unit, r.item, r.id])).toEqual([
      ['D1', 'lagging_approvals', 'T2'],
      ['D1', 'unregistered', 'T3'],
      ['D2', 'lagging_approvals', 'T4'],
      ['D2', 'unregistered', 'T4']
    ]);
  });
});
