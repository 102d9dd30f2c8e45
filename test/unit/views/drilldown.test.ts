/**
 * The drill-down pages' figures on the Liuzhou demo data, each against DuckDB computing it another
 * way: the month series, the projects furthest behind (in 万元 and in points), the open problems,
 * a comparison's two sides and their exact differences; and the pure parts (targets, a
 * comparison's parameters, which months the series reads).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';
import { LARGE_DATASET } from '../../../src/lib/db/core-options.ts';
import { metricsQuery } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { toMonth, type Month } from '../../../src/lib/metrics/month.ts';
import { compareSideQuery, openProblemsQuery, rankingQuery, seriesQuery } from '../../../src/lib/queries/drilldown.ts';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import type { DatasetMeta, DistrictProperties } from '../../../src/lib/schema.ts';
import { compareRows, comparisonParams, readComparison, sideSums } from '../../../src/lib/views/drilldown/compare.ts';
import { byPlanYear, seriesCut, seriesMonths, seriesPoints } from '../../../src/lib/views/drilldown/series.ts';
import { districtTargets, targetFigures } from '../../../src/lib/views/drilldown/targets.ts';
import { sumRows } from '../../../src/lib/views/overview/sums.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const DIR = 'static/data/liuzhou-2022';
const DISTRICT = '450202';
let engine: Engine;
let meta: DatasetMeta;
let rules: ReturnType<typeof metricRules>;
const table = (m: string) => `facts_${m.replace('-', '_')}`;

beforeAll(async () => {
  engine = await openNodeApi();
  meta = JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8'));
  rules = metricRules(meta.rule_preset);
  for (const m of meta.facts_months!)
    await engine.rows(`CREATE TABLE ${table(m)} AS SELECT * FROM read_parquet('${DIR}/facts/${m}.parquet')`);
  await engine.rows(`CREATE TABLE problems AS SELECT * FROM read_parquet('${DIR}/problems.parquet')`);
});
afterAll(() => engine?.close());

/** The context a view of a district's page gets at `month`: its scope as the filter. */
function context(month: string, scope: Record<string, string[]> = { district: [DISTRICT] }): QueryContext {
  return {
    filter: statePredicate(scope) ?? undefined,
    month: toMonth(month),
    rules,
    internal: true,
    facts: { facts: table(month) },
    factsOf: (m: Month) => ({ facts: table(m.key) })
  };
}

describe('the month series', () => {
  it('gives each month the metrics a core at that month gives the district', async () => {
    const months = meta.facts_months!;
    const points = seriesPoints(await engine.rows(String(seriesQuery(context(months.at(-1)!), months))), months, rules, true);
    expect(points.map((p) => p.month)).toEqual(months);
    for (const p of points) {
      const [expected] = await engine.rows(
        String(
          metricsQuery({
            month: p.month,
            rules,
            facts: { facts: table(p.month) },
            filter: statePredicate({ district: [DISTRICT] }),
            metrics: ['projects', 'completion_rate', 'elapsed_share', 'gap_points']
          })
        )
      );
      expect([p.month, p.projects, p.completion, p.elapsed, p.gap]).toEqual([
        p.month,
        expected.projects,
        expected.completion_rate,
        expected.elapsed_share,
        expected.gap_points
      ]);
    }
  });

  it('gives a month without a selected project no rates, and the month shown to a row without a month', () => {
    const points = seriesPoints(
      [{ projects: 2, completed: 100, plan: 400, scheduled: 0, unscheduled: 400 }],
      ['2022-05', '2022-06'],
      rules,
      true,
      '2022-06'
    );
    expect(points).toEqual([
      { month: '2022-05', projects: 0, completion: null, elapsed: null, gap: null },
      { month: '2022-06', projects: 2, completion: 0.25, elapsed: 0.5, gap: -25 }
    ]);
  });

  it('reads every month of the data, or the month shown only beyond the size the core keeps one month of', () => {
    const months = ['2022-01', '2022-02', '2022-03'];
    expect(seriesMonths(months, '2022-02', 977)).toEqual(months);
    expect(seriesMonths(months, '2022-02', null)).toEqual(months);
    expect(seriesMonths(months, '2022-02', LARGE_DATASET + 1)).toEqual(['2022-02']);
    expect(seriesCut(months, LARGE_DATASET + 1)).toBe(true);
    expect(seriesCut(months, 977)).toBe(false);
  });

  it('is drawn a plan year at a time: year-to-date figures start again each January', () => {
    const p = (month: string) => ({ month, projects: 1, completion: 0.5, elapsed: 0.5, gap: 0 });
    expect(byPlanYear([p('2021-11'), p('2021-12'), p('2022-01')]).map((y) => y.map((x) => x.month))).toEqual([
      ['2021-11', '2021-12'],
      ['2022-01']
    ]);
  });
});

describe('the projects that make the figure', () => {
  it('furthest behind in 万元 are those whose completed investment is furthest below plan to date, behind only', async () => {
    const month = meta.facts_months!.at(-1)!;
    const m = toMonth(month);
    const rows = await engine.rows(String(rankingQuery(context(month), 'behind_wan', 10)));
    // Plan to date another way: the monthly target where the plan gives one, else annual × month / 12.
    const expected = await engine.rows(
      `SELECT id, CAST(completed_ytd AS DOUBLE) - coalesce(CAST(planned_ytd AS DOUBLE), CAST(annual_plan AS DOUBLE) * ${m.index} / 12) AS gap
       FROM ${table(month)} WHERE in_plan AND phase <> 'preparatory' AND district_code = '${DISTRICT}' ORDER BY gap, id LIMIT 10`
    );
    expect(rows.map((r) => r.id)).toEqual(expected.filter((e) => Number(e.gap) < -1e-9).map((e) => e.id));
    rows.forEach((r, i) => expect(r.gap_wan).toBeCloseTo(Number(expected[i].gap), 6));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('furthest behind in points follow the facts’ gap; the largest contributors’ shares are of the district’s completed', async () => {
    const month = meta.facts_months!.at(-1)!;
    const points = await engine.rows(String(rankingQuery(context(month), 'behind_points', 5)));
    const gaps = points.map((r) => Number(r.gap_points));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(gaps.every((g) => g < 0)).toBe(true);
    const top = await engine.rows(String(rankingQuery(context(month), 'contributors', 100)));
    const [{ done }] = await engine.rows(
      `SELECT CAST(sum(completed_ytd) AS DOUBLE) AS done FROM ${table(month)} WHERE in_plan AND phase <> 'preparatory' AND district_code = '${DISTRICT}'`
    );
    expect(top.reduce((s, r) => s + Number(r.share), 0)).toBeCloseTo(1, 9);
    expect(Number(top[0].share)).toBeCloseTo(Number(top[0].completed_ytd) / Number(done), 12);
  });
});

describe('the open problems', () => {
  it('are those the metrics count as open at the month end, overdue first', async () => {
    for (const month of [meta.facts_months![3], meta.facts_months!.at(-1)!]) {
      const rows = await engine.rows(String(openProblemsQuery(context(month), 1000)));
      const [{ open, overdue }] = await engine.rows(
        String(
          metricsQuery({
            month,
            rules,
            facts: { facts: table(month) },
            filter: statePredicate({ district: [DISTRICT] }),
            metrics: ['problems_open', 'problems_overdue']
          })
        )
          .replace(/AS "problems_open"/, 'AS open')
          .replace(/AS "problems_overdue"/, 'AS overdue')
      );
      expect(rows.length).toBe(Number(open));
      expect(rows.filter((r) => r.overdue).length).toBe(Number(overdue));
      if (rows.length) expect(rows[0].total).toBe(rows.length);
      const firstOnTime = rows.findIndex((r) => !r.overdue);
      if (firstOnTime >= 0) expect(rows.slice(firstOnTime).every((r) => !r.overdue)).toBe(true);
    }
  });
});

describe('a comparison', () => {
  it('gives each side the metrics of its district at its month, and differences of the exact sums', async () => {
    const now = meta.facts_months!.at(-1)!;
    const then = meta.facts_months!.at(-4)!;
    const side = async (district: string, month: string) =>
      sideSums(await engine.rows(String(compareSideQuery(context(now, {}), { kind: 'district', key: district }, month))));
    const a = await side(DISTRICT, now);
    const b = await side(DISTRICT, then);
    const rows = compareRows(a, b, { monthIndex: toMonth(now).index, rules }, { monthIndex: toMonth(then).index, rules }, true);
    const [expectedA] = await engine.rows(
      String(metricsQuery({ month: now, rules, facts: { facts: table(now) }, filter: statePredicate({ district: [DISTRICT] }) }))
    );
    for (const r of rows) expect([r.id, r.a]).toEqual([r.id, expectedA[r.id]]);
    const cents = async (month: string) =>
      BigInt(
        String(
          (
            await engine.rows(
              `SELECT CAST(sum(basis_completed) * 100 AS HUGEINT)::VARCHAR AS c FROM ${table(month)} WHERE in_plan AND district_code = '${DISTRICT}'`
            )
          )[0].c
        )
      );
    expect(rows.find((r) => r.id === 'completed_ytd')!.diff).toEqual({ kind: 'cents', value: (await cents(now)) - (await cents(then)) });
    const rate = rows.find((r) => r.id === 'completion_rate')!;
    expect(rate.diff).toEqual({ kind: 'points', value: 100 * ((rate.a as number) - (rate.b as number)) });
    expect(rows.find((r) => r.id === 'projects')!.diff).toMatchObject({ kind: 'count' });
    expect(rows.find((r) => r.id === 'rag')).toBeUndefined();
  });

  it('leaves internal figures out of a public build', () => {
    const rows = compareRows(sumRows([]), sumRows([]), { monthIndex: 9, rules }, { monthIndex: 9, rules }, false);
    expect(rows.map((r) => r.id)).toEqual(['projects', 'total_investment', 'annual_plan']);
  });

  it('reads its sides from the URL: another district, or an earlier month (the month before by default)', () => {
    const known = { districts: ['450202', '450203'], months: ['2022-07', '2022-08', '2022-09'], month: '2022-09' };
    const read = (q: string) => readComparison(new URLSearchParams(q), known);
    expect(read('a=450202&b=450203')).toEqual({
      a: { target: { kind: 'district', key: '450202' }, month: '2022-09' },
      b: { target: { kind: 'district', key: '450203' }, month: '2022-09' }
    });
    expect(read('a=450202')!.b).toEqual({ target: { kind: 'district', key: '450202' }, month: '2022-08' });
    expect(read('a=450202&am=2022-07')!.b.month).toBe('2022-07');
    expect(read('a=industry&b=ecology')!.b.target).toEqual({ kind: 'sector', key: 'ecology' });
    const notices: { key: string; params: Record<string, string | number> }[] = [];
    expect(readComparison(new URLSearchParams('a=450202&b=industry&am=2031-01'), known, notices)!.b.month).toBe('2022-08');
    expect(notices.map((n) => n.params.param)).toEqual(['b', 'am']);
    expect(read('a=999999')).toBeNull();
    expect(readComparison(new URLSearchParams('a=450202'), { ...known, month: '2022-07' })).toBeNull();
    expect(comparisonParams(read('a=450202&am=2022-07')!, '2022-09').toString()).toBe('a=450202&am=2022-07');
  });
});

describe('a district’s targets', () => {
  it('are read from its boundaries’ properties, as exact cents, and its figures measured against them', () => {
    const props: Partial<DistrictProperties> = { target_annual_investment: 471613.1, target_new_starts: 9 };
    const targets = districtTargets(props)!;
    expect(targets).toEqual({ annual: 47161310n, newStarts: 9 });
    expect(districtTargets({ code: '1' } as never)).toBeNull();
    const sums = {
      projects: 10n,
      annual: 50000000n,
      completed: 30000000n,
      plan: 50000000n,
      scheduled: 0n,
      unscheduled: 50000000n,
      new_started: 8n
    };
    const f = targetFigures(targets, sums, { monthIndex: 9, rules }, true);
    expect(f.plan).toEqual({ target: 47161310n, actual: 50000000n, diff: 2838690n });
    expect(f.completed!.share).toBeCloseTo(30000000 / 47161310, 12);
    expect(f.completed!.elapsed).toBe(0.75);
    expect(f.completed!.points).toBeCloseTo(100 * (30000000 / 47161310 - 0.75), 9);
    expect(f.starts).toEqual({ target: 9, actual: 8, diff: -1 });
    expect(targetFigures(targets, sums, { monthIndex: 9, rules }, false)).toMatchObject({ completed: null, starts: null });
  });
});
