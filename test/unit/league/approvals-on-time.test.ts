/**
 * The league metric approvals on time (按时办结率), worked out by hand on a small fixture across the
 * 2024 Spring Festival (10–17 February off) and its adjusted working Sundays (4 and 18 February,
 * 28 April), run on @duckdb/node-api.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { leagueMetrics, leagueTableQuery, unitValuesQuery } from '../../../src/lib/league/league-sql.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { APPROVAL_LIMIT_RULE, datasetColumns, ruleDataNeeds } from '../../../src/lib/rules/data-needs.ts';
import { APPROVAL_KINDS } from '../../../src/lib/schema.ts';
import { GUIYANG_2021_PRESET } from '../../../src/lib/rules/presets/guiyang.ts';
import { COUNTY_2023_PRESET } from '../../../src/lib/rules/presets/county.ts';
import { DEFAULT_PRESET, withItem } from '../../../src/lib/rules/presets/common.ts';
import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';
import type { Engine } from '../db/engines.ts';
import { ruleDb } from './rule-fixture.ts';

let engine: Engine | undefined;
afterEach(() => engine?.close());

/** 立项 on `start`, the construction permit on `last` (null: still in progress), the others done on `start` or not required. */
function project(id: string, district: string, start: string, last: string | null, exited: string | null = null) {
  const row: Record<string, string | number | null> = {
    id,
    name: id,
    district_code: district,
    district_name: `区${district}`,
    lead_unit: `单位${district}`,
    phase: 'preparatory',
    exited_on: exited
  };
  for (const k of APPROVAL_KINDS) {
    row[`approval_${k}`] = k === 'energy' ? 'not_required' : 'done';
    row[`approval_${k}_date`] = k === 'energy' ? null : start;
  }
  row.approval_construction = last === null ? 'in_progress' : 'done';
  row.approval_construction_date = last;
  return row;
}

const FIXTURE = [
  // D1: the 80th working day after 2 January 2024 is Sunday 28 April (a working day), the 81st Monday 29 April.
  project('A1', 'D1', '2024-01-02', '2024-04-28'), // on time: 80
  project('A2', 'D1', '2024-01-02', '2024-04-29'), // late: 81
  project('A3', 'D1', '2024-01-02', null), // pending, 82 working days by 30 April: late
  project('A4', 'D1', '2024-03-01', null), // pending within its limit: not counted yet
  project('A5', 'D1', '2024-01-02', '2024-02-01', '2024-03-31'), // left the plan: not counted
  // D2: both done within the limit; the third pending within it.
  project('B1', 'D2', '2024-01-02', '2024-04-28'),
  project('B2', 'D2', '2024-02-01', '2024-03-01'),
  project('B3', 'D2', '2024-04-01', null),
  // D3: nothing judged yet, no figure.
  project('C1', 'D3', '2024-04-01', null),
  project('C2', 'D3', '2024-03-15', null),
  project('C3', 'D3', '2024-02-01', '2024-05-10') // done after the month: pending at April's end, within the limit
];

const PRESET = GUIYANG_2021_PRESET;
const RANKING = { ...PRESET.ranking!, min_projects: 1 };
const DISTRICTS = RANKING.sequences[0];

async function values(preset: RulePreset, month = '2024-04') {
  engine = await ruleDb({ projects: FIXTURE });
  const q = unitValuesQuery({ month, rules: metricRules(preset), sequence: DISTRICTS, metrics: ['approvals_rate', 'approvals_on_time'] });
  return engine.rows(String(q.orderby('unit')));
}

describe('approvals on time', () => {
  it('counts a project done on the 80th working day on time, the 81st late, pending past the limit late, pending within it not at all', async () => {
    const rows = await values(PRESET);
    expect(rows.map((r) => [r.unit, Number(r.projects), r.approvals_on_time === null ? null : Number(r.approvals_on_time)])).toEqual([
      ['D1', 4, 1 / 3],
      ['D2', 3, 1],
      ['D3', 3, null]
    ]);
  });

  it('ranks higher as better, a unit without a judged project unranked on it', async () => {
    engine = await ruleDb({ projects: FIXTURE });
    const q = leagueTableQuery(
      unitValuesQuery({ month: '2024-04', rules: metricRules(PRESET), sequence: DISTRICTS, metrics: leagueMetrics(RANKING) }),
      RANKING
    );
    const rows = await engine.rows(String(q));
    const rank = new Map(rows.map((r) => [r.unit, r.rank_approvals_on_time === null ? null : Number(r.rank_approvals_on_time)]));
    expect(Object.fromEntries(rank)).toEqual({ D1: 2, D2: 1, D3: null });
  });

  it('judges at the month end: in March A3 was within its limit and A2 not yet done', async () => {
    const rows = await values(PRESET, '2024-03');
    // D1 in March: nothing done, A1–A4 pending within the limit (2 Jan → 31 Mar is 59 working days): no figure. D2: B2 on time.
    expect(rows.map((r) => [r.unit, r.approvals_on_time === null ? null : Number(r.approvals_on_time)])).toEqual([
      ['D1', null],
      ['D2', 1],
      ['D3', null]
    ]);
  });

  it('has no figure without a limit the data can judge, and says what is missing instead', async () => {
    expect((await values(DEFAULT_PRESET)).map((r) => r.approvals_on_time)).toEqual([null, null, null]);
    engine?.close();
    expect((await values(COUNTY_2023_PRESET)).map((r) => r.approvals_on_time)).toEqual([null, null, null]);
    const ranked = (p: RulePreset): RulePreset => ({
      ...p,
      ranking: withItem(p.ranking ?? DEFAULT_PRESET.ranking!, { metric: 'approvals_on_time', weight: 1, score: 'rank_points' })
    });
    const missing = (p: RulePreset) => {
      const item = ranked(p).ranking!.composite.items.length - 1;
      return ruleDataNeeds(ranked(p), datasetColumns({ public: false })).find((n) => n.rule === `ranking.composite.items[${item}]`)
        ?.missing;
    };
    expect(missing(DEFAULT_PRESET)).toEqual([APPROVAL_LIMIT_RULE]);
    expect(missing(COUNTY_2023_PRESET)).toEqual(['projects.risk_class']);
    expect(missing(PRESET)).toBeUndefined();
  });
});
