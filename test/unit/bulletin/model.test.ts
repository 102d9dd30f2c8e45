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
import type { LaggingProject } from '../../../src/lib/bulletin/tables.ts';
import type { DemeritRow, DistrictFigures, TaskNoticeRow } from '../../../src/lib/bulletin/inputs.ts';
import { periodLabel } from '../../../src/lib/league/periods.ts';
import { formatNumber, formatPercent, formatYi, type Locale } from '../../../src/lib/i18n/format.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { toMonth, type Month } from '../../../src/lib/metrics/month.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { districtFiguresSpec } from '../../../src/lib/views/bulletin/district-metrics.ts';
import { escalatedRows, escalatedSpec, overrunTotalSpec } from '../../../src/lib/views/bulletin/escalation-specs.ts';
import { bulletinLeagues, demeritsSpec, leagueSpec, taskNoticesSpec } from '../../../src/lib/views/bulletin/league-specs.ts';
import { laggingSpec, overallSpec } from '../../../src/lib/views/bulletin/specs.ts';
import { leagueMonths } from '../../../src/lib/views/league/league-query.ts';
import type { QuerySpec } from '../../../src/lib/workspace/use-query.svelte.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const MONTH = '2022-06';
let engine: Engine;
let meta: DatasetMeta;
const table = (m: string) => `facts_${m.replace('-', '_')}`;

/** A demo dataset's months of facts and its source tables, in a database of their own. */
async function load(ds: string): Promise<{ engine: Engine; meta: DatasetMeta }> {
  const dir = `static/data/${ds}`;
  const e = await openNodeApi();
  const m = JSON.parse(await readFile(`${dir}/meta.json`, 'utf8')) as DatasetMeta;
  for (const month of m.facts_months!)
    await e.rows(`CREATE TABLE ${table(month)} AS SELECT * FROM read_parquet('${dir}/facts/${month}.parquet')`);
  for (const t of ['problems', 'projects', 'monthly'])
    await e.rows(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${dir}/${t}.parquet')`);
  return { engine: e, meta: m };
}

beforeAll(async () => {
  ({ engine, meta } = await load('liuzhou-2022'));
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

const run = async <T>(spec: QuerySpec | null, month: string) =>
  spec ? ((await engine.rows(String(spec.query(context(month))))) as T[]) : [];

/** The bulletin of `month` as the page builds it (views/bulletin/Bulletin.svelte), from its clients' answers. */
async function bulletinOf(month: string, locale: Locale, edits: Partial<BulletinInput> = {}): Promise<BulletinDocument> {
  const names = new Map<string, string>();
  const preset = meta.rule_preset;
  const ladder = preset.escalation?.steps;
  const ranking = preset.ranking!;
  const months = leagueMonths(month, ranking.period, meta.facts_months!);
  const penalty = preset.missed_target_penalty;
  const notices = preset.task_notices;
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
    districts: await run<DistrictFigures>(districtFiguresSpec(), month),
    league: bulletinLeagues(ranking, await run<Record<string, unknown>>(leagueSpec(ranking, months, metricRules(preset)), month)),
    previousPeriod: months.previous ? periodLabel(months.previous.key, ranking.period) : null,
    lagging: await run<LaggingProject>(laggingSpec(), month),
    escalation: {
      steps: ladder ?? [],
      overdue: escalatedRows(await run(escalatedSpec('overdue', ladder), month)),
      overrun: escalatedRows(await run(escalatedSpec('overrun', ladder), month)),
      overrunTotal: Number((await run<{ overrun: number }>(overrunTotalSpec(ladder), month))[0]?.overrun ?? 0)
    },
    notices: {
      demerits: penalty ? { penalty, rows: await run<DemeritRow>(demeritsSpec(penalty), month) } : null,
      taskNotices: notices
        ? { items: notices.items, per: notices.per, rows: await run<TaskNoticeRow>(taskNoticesSpec(notices), month) }
        : null
    },
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

  it("ranks the districts with the league's own query: its ranks, 并列 and rank changes, in rank order", async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    const ranking = tableOf(doc, 'league-districts');
    const ranking_ = meta.rule_preset.ranking!;
    const months = leagueMonths(MONTH, ranking_.period, meta.facts_months!);
    const league = (await run<Record<string, unknown>>(leagueSpec(ranking_, months, metricRules(meta.rule_preset)), MONTH)).filter(
      (r) => r.sequence === 'districts' && r.rankable
    );
    expect(ranking.rows).toHaveLength(league.length);
    const expected = [...league].sort(
      (a, b) => Number(a.composite_rank) - Number(b.composite_rank) || String(a.unit).localeCompare(String(b.unit))
    );
    expect(ranking.rows.map((r) => r[0].replace('并列', ''))).toEqual(expected.map((r) => String(r.composite_rank)));
    const change = (c: unknown) => (c === null ? '—' : Number(c) > 0 ? `↑${c}` : Number(c) < 0 ? `↓${-Number(c)}` : '0');
    expect(ranking.rows.map((r) => r[7])).toEqual(expected.map((r) => change(r.rank_change)));
    expect(ranking.rows.map((r) => r[6])).toEqual(expected.map((r) => formatNumber(Number(r.composite), 2)));
    expect(ranking.rows.some((r) => r[7] !== '—')).toBe(true);
    expect(ranking.rows.map((r) => r[8])).toEqual(expected.map((r) => (r.red_list ? '红榜' : r.black_list ? '黑榜' : '—')));
    expect(ranking.columns.reduce((s, c) => s + c.width, 0)).toBeCloseTo(1, 6);
    expect(text(doc)).toMatch(/红榜：[^；]+；黑榜：/);
  });

  it('ranks the responsible units apart, under a heading of their own', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN');
    const units = tableOf(doc, 'league-units');
    expect(units.caption).toMatch(/^表\d+ {2}市直部门和国有企业排名/);
    expect(doc.blocks.some((b) => b.kind === 'heading' && /^[一二三四五六七八九十]+、市直部门和国有企业排名$/.test(b.text))).toBe(true);
    expect(units.columns.reduce((s, c) => s + c.width, 0)).toBeCloseTo(1, 6);
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
    expect(tableOf(doc, 'league-districts').rows.every((r) => r[7] === '—')).toBe(true);
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
    const zh = tableOf(await bulletinOf(MONTH, 'zh-CN'), 'league-districts');
    const en = await bulletinOf(MONTH, 'en');
    expect(en.title).toBe('Bulletin on the progress of major projects in Liuzhou, Jun 2022');
    expect(tableOf(en, 'league-districts').rows.map((r) => r.slice(2, 8))).toEqual(zh.rows.map((r) => r.slice(2, 8)));
    expect(tableOf(en, 'league-districts').caption).toMatch(/^Table 1 {2}Ranking: /);
    expect(text(en)).toMatch(/In January–Jun 2022, CNY [\d,.]+ bn was invested/);
    // Sentences of one English paragraph are apart, as the Chinese ones run on.
    expect(text(en)).toMatch(/annual plan of CNY [\d,.]+ bn\. In January/);
    expect(text(en)).not.toMatch(/\.[A-Z]/);
  });

  it('leaves the internal sections out of a public dataset and says so', async () => {
    const doc = await bulletinOf(MONTH, 'zh-CN', { internal: false });
    expect(doc.blocks.some((b) => b.kind === 'table' || b.kind === 'chart' || b.kind === 'map')).toBe(false);
    expect(text(doc)).toContain('本数据集为公开版本');
    expect(text(doc)).not.toContain('累计完成投资');
  });
});

/** Runs `fn` with the bulletin built on another demo dataset. */
async function onDataset<T>(ds: string, fn: () => Promise<T>): Promise<T> {
  const saved = { engine, meta };
  const other = await load(ds);
  ({ engine, meta } = other);
  try {
    return await fn();
  } finally {
    other.engine.close();
    ({ engine, meta } = saved);
  }
}

describe("the bulletin on the plan's rules", () => {
  it("gives each overdue problem its next step, and lists the problems past their step with the ladder's own count", async () => {
    const month = meta.facts_months!.at(-1)!;
    const doc = await bulletinOf(month, 'zh-CN');
    const overdue = tableOf(doc, 'overdue');
    // Liuzhou borrows 一通报两约谈: an overdue problem's next step is a notice or an interview.
    expect(overdue.rows.every((r) => /(通报责任单位|约谈责任单位主要负责人|已至最高一级)/.test(r[5]))).toBe(true);
    const [totals] = await run<{ overrun: number }>(overrunTotalSpec(meta.rule_preset.escalation!.steps), month);
    const n = Number(totals.overrun);
    expect(n).toBeGreaterThan(0);
    expect(text(doc)).toContain(`${formatNumber(n)}个问题已超出本级时限`);
    expect(text(doc)).toContain('市重大项目办 → 分管副市长 → 市政府主要负责人');
    expect(tableOf(doc, 'overrun').rows).toHaveLength(Math.min(n, 20));
  });

  it('Guiyang: task notices per district count the projects with approvals outstanding and those not registered, as the facts do', async () => {
    await onDataset('guiyang-2021', async () => {
      const month = meta.facts_months!.at(-1)!;
      const doc = await bulletinOf(month, 'zh-CN');
      const notices = tableOf(doc, 'task-notices');
      const expected = await engine.rows(
        `SELECT district_code, count(*) FILTER (WHERE approvals_done < approvals_required)::INTEGER AS lagging,
           count(*) FILTER (WHERE NOT coalesce(stat_registered, FALSE))::INTEGER AS unregistered
         FROM ${table(month)} WHERE in_plan AND phase <> 'preparatory' GROUP BY district_code
         HAVING lagging + unregistered > 0 ORDER BY district_code`
      );
      expect(notices.rows.map((r) => [r[1], r[3], r[4]])).toEqual(
        expected.map((e) => [String(e.district_code), formatNumber(Number(e.lagging)), formatNumber(Number(e.unregistered))])
      );
      expect(doc.blocks.some((b) => b.kind === 'heading' && b.text.endsWith('任务通知'))).toBe(true);
      // Guiyang's own ladder: the task force writes to the departments, the city government takes it up at the month end.
      expect(text(doc)).toContain('区（市、县） → 市项目专班 → 市人民政府 → 省（州）');
    });
  });

  it('Lishui: warnings and demerit points per district are its missed monthly targets, counted from the monthly reports', async () => {
    await onDataset('lishui-2018', async () => {
      const month = meta.facts_months!.at(-1)!;
      const doc = await bulletinOf(month, 'zh-CN');
      const demerits = tableOf(doc, 'demerits');
      const end = `${month}-01`;
      const expected = await engine.rows(
        `SELECT p.district_code, count(*)::INTEGER AS missed FROM monthly m JOIN projects p ON p.id = m.project_id
         WHERE m.month BETWEEN DATE '${month.slice(0, 4)}-01-01' AND DATE '${end}' AND m.planned_ytd IS NOT NULL AND p.annual_plan > 0
           AND coalesce(m.completed_ytd, 0) < m.planned_ytd
         GROUP BY p.district_code ORDER BY missed DESC, p.district_code`
      );
      expect(demerits.rows.map((r) => [r[1], r[3], r[5]])).toEqual(
        expected.map((e) => [String(e.district_code), formatNumber(Number(e.missed)), formatNumber(Number(e.missed))])
      );
    });
  });
});
