/**
 * The bulletin's document model on the Liuzhou demo data: its clients' queries run by DuckDB, the
 * model built from their rows, and every figure checked against DuckDB computing it another way
 * from the month's facts file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';
import { buildBulletin, type BulletinDocument, type BulletinInput, type OverallFigures } from '../../../src/lib/bulletin/model.ts';
import { defaultDocNumber, defaultIssued } from '../../../src/lib/bulletin/defaults.ts';
import type { LaggingProject, OverdueProblem } from '../../../src/lib/bulletin/tables.ts';
import { formatNumber, formatPercent, formatYi, type Locale } from '../../../src/lib/i18n/format.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { toMonth, type Month } from '../../../src/lib/metrics/month.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { districtRankingSpecs, rankDistricts, type DistrictMetrics } from '../../../src/lib/views/bulletin/ranking.ts';
import { laggingSpec, overallSpec, overdueRows, overdueSpec } from '../../../src/lib/views/bulletin/specs.ts';
import type { QuerySpec } from '../../../src/lib/workspace/use-query.svelte.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const DIR = 'static/data/liuzhou-2022';
const MONTH = '2022-06';
let engine: Engine;
let meta: DatasetMeta;
const table = (m: string) => `facts_${m.replace('-', '_')}`;

beforeAll(async () => {
  engine = await openNodeApi();
  meta = JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8'));
  for (const m of meta.facts_months!)
    await engine.rows(`CREATE TABLE ${table(m)} AS SELECT * FROM read_parquet('${DIR}/facts/${m}.parquet')`);
  await engine.rows(`CREATE TABLE problems AS SELECT * FROM read_parquet('${DIR}/problems.parquet')`);
});
afterAll(() => engine?.close());

function context(month: string): QueryContext {
  return {
    filter: undefined,
    month: toMonth(month),
    rules: metricRules(meta.rule_preset),
    internal: true,
    facts: { facts: table(month) },
    factsOf: (m: Month) => ({ facts: table(m.key) })
  };
}

const run = async <T>(spec: QuerySpec, month: string) => (await engine.rows(String(spec.query(context(month))))) as T[];

/** The bulletin of `month` as the page builds it, from its clients' answers. */
async function bulletinOf(month: string, locale: Locale, edits: Partial<BulletinInput> = {}): Promise<BulletinDocument> {
  const specs = districtRankingSpecs(toMonth(month));
  const previous = specs.previous ? await run<DistrictMetrics>(specs.previous, month) : null;
  const names = new Map<string, string>();
  return buildBulletin({
    locale,
    month,
    jurisdiction: meta.jurisdiction,
    programme: meta.name,
    asOf: meta.as_of,
    docNumber: '',
    issued: '',
    internal: true,
    rag: { basis: 'points_behind', green_max_points_behind: 0, amber_max_points_behind: 10 },
    overall: (await run<OverallFigures>(overallSpec(), month))[0],
    ranking: rankDistricts(await run<DistrictMetrics>(specs.current, month), previous),
    previousMonth: specs.previous ? '2022-05' : null,
    lagging: await run<LaggingProject>(laggingSpec(), month),
    overdue: overdueRows(await run<OverdueProblem & { overdue: boolean }>(overdueSpec(), month)),
    fingerprint: 'abcdef012345',
    districtName: (code) => names.get(code) ?? code,
    ...edits
  });
}

const text = (doc: BulletinDocument) => doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
const tableOf = (doc: BulletinDocument, id: string) =>
  doc.blocks.find((b) => b.kind === 'table' && b.id === id) as Extract<BulletinDocument['blocks'][number], { kind: 'table' }>;

describe('the bulletin model', () => {
  it('states the programme figures and completion against 序时进度 as DuckDB sums them from the facts', async () => {
    const [f] = await engine.rows(
      `SELECT count(*)::INTEGER AS n, sum(total_investment)::DOUBLE AS total, sum(annual_plan)::DOUBLE AS annual,
        sum(completed_ytd) FILTER (WHERE phase <> 'preparatory')::DOUBLE AS done,
        sum(annual_plan) FILTER (WHERE phase <> 'preparatory')::DOUBLE AS plan
       FROM ${table(MONTH)} WHERE in_plan`
    );
    const doc = await bulletinOf(MONTH, 'zh-CN');
    const body = text(doc);
    expect(body).toContain(`纳入计划项目${formatNumber(Number(f.n))}个`);
    expect(body).toContain(`总投资${formatYi(Number(f.total), 'zh-CN')}`);
    expect(body).toContain(`累计完成投资${formatYi(Number(f.done), 'zh-CN')}`);
    expect(body).toContain(`完成年度计划的${formatPercent(Number(f.done) / Number(f.plan))}`);
    expect(body).toContain('1—6月');
    expect(body).toMatch(/[快慢]于序时进度（50\.0%）\d+\.\d个百分点/);
  });

  it('states the districts by status under the preset’s own RAG rule: points behind, with a tolerance, or a share of 序时进度', async () => {
    expect(text(await bulletinOf(MONTH, 'zh-CN'))).toMatch(/个县区达到序时进度，\d+个县区落后序时进度10个百分点以内/);
    const tolerance = await bulletinOf(MONTH, 'zh-CN', {
      rag: { basis: 'points_behind', green_max_points_behind: 2, amber_max_points_behind: 8 }
    });
    expect(text(tolerance)).toMatch(/个县区落后序时进度不超过2个百分点，\d+个县区落后8个百分点以内/);
    const share = await bulletinOf(MONTH, 'en', { rag: { basis: 'share_of_elapsed', green_min_share: 0.8, amber_min_share: 0.6 } });
    expect(text(share)).toMatch(/have done at least 80% of the work due, \d+ between 60% and 80%, and \d+ less than 60%/);
  });

  it('ranks every district by its gap, with ties sharing a rank and the change since the month before', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    const ranking = tableOf(doc, 'ranking');
    const districts = await engine.rows(`SELECT count(DISTINCT district_code)::INTEGER AS n FROM ${table(MONTH)} WHERE in_plan`);
    expect(ranking.rows).toHaveLength(Number(districts[0].n));
    const gaps = ranking.rows.map((r) => Number(r[6].replace('−', '-').replace('+', '')));
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(ranking.rows[0][0]).toMatch(/^(1|并列1)$/);
    expect(ranking.rows.every((r) => /^(↑\d+|↓\d+|0|—)$/.test(r[8]))).toBe(true);
    expect(ranking.columns.reduce((s, c) => s + c.width, 0)).toBeCloseTo(1, 6);
  });

  it('lists the projects furthest behind in 万元, in the order of their shortfall', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    const lagging = tableOf(doc, 'lagging');
    const expected = await engine.rows(
      `SELECT name FROM (SELECT *, basis_completed - basis_scheduled - basis_unscheduled * 6 / 12 AS behind FROM ${table(MONTH)})
       WHERE in_plan AND phase <> 'preparatory' AND behind < 0 ORDER BY behind, id LIMIT 10`
    );
    expect(lagging.rows.map((r) => r[1])).toEqual(expected.map((r) => r.name));
    const behind = lagging.rows.map((r) => Number(r[7].replaceAll(',', '')));
    expect(behind).toEqual([...behind].sort((a, b) => b - a));
  });

  it('lists only overdue problems, as many as the metric counts up to the limit', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    const end = toMonth(MONTH).end;
    const [c] = await engine.rows(
      `SELECT count(*)::INTEGER AS n FROM problems p JOIN ${table(MONTH)} f ON f.id = p.project_id
       WHERE f.in_plan AND p.raised_on <= DATE '${end}' AND p.deadline < DATE '${end}'
         AND NOT (p.status IN ('resolved', 'closed') AND (p.closed_on IS NULL OR p.closed_on <= DATE '${end}'))`
    );
    const n = Number(c.n);
    const overdue = tableOf(doc, 'overdue');
    if (n === 0) expect(overdue).toBeUndefined();
    else {
      expect(overdue.rows).toHaveLength(Math.min(n, 20));
      expect(text(doc)).toContain(`超过办结时限仍未解决的问题共${formatNumber(n)}个`);
    }
  });

  it('has no rank changes in January, the year starting again', async () => {
    const doc = await bulletinOf('2022-01', 'zh-CN');
    expect(tableOf(doc, 'ranking').rows.every((r) => r[8] === '—')).toBe(true);
    expect(text(doc)).toContain('1月为年度首月');
  });

  it('numbers and dates itself by default, and keeps what the user wrote', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    expect(doc.docNumber).toBe('柳重大办通〔2022〕6号');
    expect(doc.issued).toBe('2022年7月10日');
    expect(doc.title).toBe('关于2022年6月柳州市重大项目推进情况的通报');
    const edited = await bulletinOf(MONTH, 'zh-CN', { docNumber: ' 柳重大办〔2022〕88号 ', issued: '2022-07-03' });
    expect([edited.docNumber, edited.issued]).toEqual(['柳重大办〔2022〕88号', '2022年7月3日']);
    expect(defaultIssued('2022-12')).toBe('2023-01-10');
    expect(defaultDocNumber('2022-09', meta.jurisdiction, 'en')).toBe('Liuzhou MPO [2022] No. 9');
  });

  it('carries the as-of date and the fingerprint', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    expect(doc.trace).toContain('2022年6月30日');
    expect(doc.trace).toContain('数据指纹 abcdef012345');
  });

  it('gives the same figures in English, in English units', async () => {
    const zh = tableOf(await bulletinOf(MONTH, 'zh-CN'), 'ranking');
    const en = await bulletinOf(MONTH, 'en');
    expect(en.title).toBe('Bulletin on the progress of major projects in Liuzhou, Jun 2022');
    expect(tableOf(en, 'ranking').rows.map((r) => r.slice(2, 7))).toEqual(zh.rows.map((r) => r.slice(2, 7)));
    expect(text(en)).toMatch(/In January–Jun 2022, CNY [\d,.]+ bn was invested/);
  });

  it('leaves the internal sections out of a public dataset and says so', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN', { internal: false });
    expect(doc.blocks.some((b) => b.kind === 'table' || b.kind === 'chart' || b.kind === 'map')).toBe(false);
    expect(text(doc)).toContain('本数据集为公开版本');
    expect(text(doc)).not.toContain('累计完成投资');
  });
});
