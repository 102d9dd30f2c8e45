/**
 * The league table's rules worked out by hand on a small table of unit values, run on
 * @duckdb/node-api; and the whole query over the facts bound by DuckDB (EXPLAIN).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leagueMetrics, leagueTableQuery, leagueWithChangeQuery, unitValuesQuery } from '../../../src/lib/league/league-sql.ts';
import { factsRelation } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { DEFAULT_PRESET } from '../../../src/lib/rules/presets/common.ts';
import type { RankingRule } from '../../../src/lib/rules/preset-schema.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';
import { emptySchemaDb, explain } from '../db/empty-schema.ts';

/** Gap scored by value (½ a point per point, capped at ±2), start rate by rank points (1st: 5, 2nd–3rd: 3). */
function ranking(o: { red?: number; black?: number } = {}): RankingRule {
  return {
    period: 'month',
    min_projects: 3,
    sequences: [{ id: 'd', name: { zh: '区', en: 'Districts' }, unit: 'district' }],
    composite: {
      items: [
        { metric: 'gap_points', weight: 0.5, score: 'value', cap: 2 },
        { metric: 'start_rate', weight: 1, score: 'rank_points' }
      ],
      rank_points: [
        { from_rank: 1, to_rank: 1, points: 5 },
        { from_rank: 2, to_rank: 3, points: 3 }
      ]
    },
    target_met: { metric: 'gap_points', min: 0 },
    red_list: { size: o.red ?? 2, requires_target_met: true },
    black_list: { size: o.black ?? 2, requires_target_missed: true }
  };
}

// unit, projects, gap_points, start_rate. F has too few projects to rank; E has no new projects.
const JUNE = [
  ['A', 5, 6, 0.9],
  ['B', 4, 2, 0.8],
  ['C', 6, 2, 0.8],
  ['D', 3, -3, 0.5],
  ['E', 10, -1, null],
  ['F', 2, 10, 1]
] as const;
const MAY = [
  ['A', 5, -2, 0.5],
  ['B', 4, 3, 0.9],
  ['C', 6, 1, 0.8],
  ['D', 3, 0, 0.8],
  ['E', 10, -1, null],
  ['F', 2, 10, 1]
] as const;

// G can be ranked but has no gap (no annual plan): it has no points on that item, not the cap.
const NO_PLAN = [
  ['A', 5, 6, 0.9],
  ['G', 4, null, 0.8],
  ['F', 2, null, 1]
] as const;

let engine: Engine;
beforeAll(async () => {
  engine = await openNodeApi();
  for (const [name, rows] of [
    ['june', JUNE],
    ['no_plan', NO_PLAN],
    ['may', MAY]
  ] as const) {
    const values = rows.map(([u, n, gap, start]) => `('${u}', '${u}区', ${n}, ${gap}::DOUBLE, ${start ?? 'NULL'}::DOUBLE)`).join(', ');
    await engine.rows(`CREATE TABLE ${name} AS SELECT * FROM (VALUES ${values}) v(unit, unit_name, projects, gap_points, start_rate)`);
  }
});
afterAll(() => engine?.close());

const table = async (source: string, rule = ranking()) => {
  const rows = await engine.rows(String(leagueTableQuery(source, rule)));
  return Object.fromEntries(rows.map((r) => [r.unit as string, r]));
};

describe('league table', () => {
  it('ranks each metric with standard competition ranking (1, 2, 2, 4), units with a value only', async () => {
    const t = await table('june');
    expect(['A', 'B', 'C', 'E', 'D'].map((u) => t[u].rank_gap_points)).toEqual([1, 2, 2, 4, 5]);
    expect(['A', 'B', 'C', 'D', 'E'].map((u) => t[u].rank_start_rate)).toEqual([1, 2, 2, 4, null]);
  });

  it('lists units under the minimum of projects apart: unranked, unscored, on no list, after the others', async () => {
    const rows = await engine.rows(String(leagueTableQuery('june', ranking())));
    expect(rows.map((r) => r.unit)).toEqual(['A', 'B', 'C', 'E', 'D', 'F']);
    expect(rows[5]).toMatchObject({
      rankable: false,
      rank_gap_points: null,
      composite: null,
      composite_rank: null,
      red_list: false,
      black_list: false
    });
  });

  it('gives a unit without a figure for a capped item no points on it, not the cap, and a unit not ranked no points at all', async () => {
    const t = await table('no_plan');
    expect(t.G).toMatchObject({ rankable: true, rank_gap_points: null, score_gap_points: null, score_start_rate: 3, composite: 3 });
    expect(t.A).toMatchObject({ score_gap_points: 2, score_start_rate: 5, composite: 7 });
    expect(t.F).toMatchObject({ rankable: false, score_gap_points: null, score_start_rate: null, composite: null });
  });

  it('scores by value within the cap and by rank points, and sums the composite', async () => {
    const t = await table('june');
    // A: ½ × 6 = 3, capped at 2; start rate 1st → 5. D: ½ × −3 = −1.5; 4th → no band, 0. E: no start rate, no points.
    expect(t.A).toMatchObject({ score_gap_points: 2, score_start_rate: 5, composite: 7 });
    expect(t.B).toMatchObject({ score_gap_points: 1, score_start_rate: 3, composite: 4 });
    expect(t.D).toMatchObject({ score_gap_points: -1.5, score_start_rate: 0, composite: -1.5 });
    expect(t.E).toMatchObject({ score_gap_points: -0.5, score_start_rate: null, composite: -0.5 });
    expect(['A', 'B', 'C', 'E', 'D'].map((u) => t[u].composite_rank)).toEqual([1, 2, 2, 4, 5]);
  });

  it('puts on the red list the top N that met their target, ties included', async () => {
    const t = await table('june');
    expect(
      Object.values(t)
        .filter((r) => r.red_list)
        .map((r) => r.unit)
    ).toEqual(['A', 'B', 'C']);
    // The top 5 are every ranked unit, but D and E missed their target.
    const wide = await table('june', ranking({ red: 5 }));
    expect(
      Object.values(wide)
        .filter((r) => r.red_list)
        .map((r) => r.unit)
    ).toEqual(['A', 'B', 'C']);
  });

  it('puts on the black list the bottom N that missed their target; a unit that met it never enters', async () => {
    const t = await table('june');
    expect(
      Object.values(t)
        .filter((r) => r.black_list)
        .map((r) => r.unit)
    ).toEqual(['E', 'D']);
    // The bottom 3 take in B and C (tied 3rd from the bottom), who met their target.
    const wide = await table('june', ranking({ black: 3 }));
    expect(
      Object.values(wide)
        .filter((r) => r.black_list)
        .map((r) => r.unit)
    ).toEqual(['E', 'D']);
    expect(wide.B.target_met).toBe(true);
  });

  it('gives the rank change against the previous period, ▲ positive', async () => {
    // May: B 6.5, C 3.5, D 3, E −0.5, A −1 → ranks B 1, C 2, D 3, E 4, A 5.
    const rows = await engine.rows(String(leagueWithChangeQuery(leagueTableQuery('june', ranking()), leagueTableQuery('may', ranking()))));
    const change = Object.fromEntries(rows.map((r) => [r.unit, [r.previous_rank, r.composite_rank, r.rank_change]]));
    expect(change).toEqual({ A: [5, 1, 4], B: [1, 2, -1], C: [2, 2, 0], E: [4, 4, 0], D: [3, 5, -2], F: [null, null, null] });
    expect(rows.map((r) => r.unit)).toEqual(['A', 'B', 'C', 'E', 'D', 'F']);
  });
});

describe('league table over the facts', () => {
  it('binds in DuckDB for both sequences of the default preset, with members quoted', async () => {
    const conn = await emptySchemaDb();
    const rules = metricRules();
    const rule = DEFAULT_PRESET.ranking!;
    for (const sequence of [...rule.sequences, { ...rule.sequences[0], members: ['450202', "o'brien"] }]) {
      const values = unitValuesQuery({
        month: '2022-06',
        rules,
        sequence,
        metrics: leagueMetrics(rule),
        facts: factsRelation('2022-06', rules, true)
      });
      await explain(conn, String(leagueTableQuery(values, rule)));
      const previous = unitValuesQuery({
        month: '2022-05',
        rules,
        sequence,
        metrics: leagueMetrics(rule),
        facts: factsRelation('2022-05', rules, true)
      });
      await explain(conn, String(leagueWithChangeQuery(leagueTableQuery(values, rule), leagueTableQuery(previous, rule))));
    }
    expect(
      String(unitValuesQuery({ month: '2022-06', rules, sequence: { ...rule.sequences[0], members: ["o'brien"] }, metrics: [] }))
    ).toContain(`"district_code" IN ('o''brien')`);
    conn.closeSync();
  });
});
