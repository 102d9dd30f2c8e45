/**
 * The link from Guiyang's approvals on time (按时办结率, 80 working days) to its projects, run as the
 * data page runs it (the link's filters, columns and sort, the page's query) over the demo month's
 * facts and projects on DuckDB: every unit's rows are its projects, the verdicts they show add up
 * to the league's figure, the selection's total is that figure, and each verdict is worked out
 * again here from the approval dates with the working-day calendar (rules/working-days.ts), so an
 * off-by-one in the limit's SQL fails: the demo month has projects done on exactly the 80th day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { APPROVAL_VERDICTS, type ApprovalVerdict } from '../../../src/lib/league/approvals-on-time.ts';
import { figureFilters, figureParams } from '../../../src/lib/league/figure-links.ts';
import { unitValuesQuery } from '../../../src/lib/league/league-sql.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { metricRules, type MetricRules } from '../../../src/lib/metrics/preset.ts';
import {
  availableColumns,
  dataColumn,
  dataTableQuery,
  dataTableRowsQuery,
  selectionApprovalsOnTimeQuery,
  type DataColumn
} from '../../../src/lib/queries/data-table.ts';
import { translate } from '../../../src/lib/i18n/translate.ts';
import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';
import { DEFAULT_PRESET } from '../../../src/lib/rules/presets/common.ts';
import { APPROVAL_KINDS } from '../../../src/lib/schema.ts';
import { workingDaysBetween } from '../../../src/lib/rules/working-days.ts';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import { parseColumns, parseSortKeys } from '../../../src/lib/views/data/data-settings.svelte.ts';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';

const DS = 'guiyang-2021';
const meta = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string; rule_preset: RulePreset };
const MONTH = toMonth(meta.as_of.slice(0, 7));
const RULES = metricRules(meta.rule_preset);
const LIMIT = RULES.approvalLimit!;
const VERDICT_OF = new Map(APPROVAL_VERDICTS.map((v) => [translate('zh-CN', `data.verdict.${v}`), v] as const));
const labels = { message: (key: string, params?: Record<string, string>) => translate('zh-CN', key, params), districts: new Map() };

let conn: DuckDBConnection;
const rows = async (q: unknown) =>
  JSON.parse(
    JSON.stringify((await conn.runAndReadAll(String(q))).getRowObjectsJS(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v))
  ) as Record<string, unknown>[];

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`CREATE TABLE facts AS SELECT * FROM read_parquet('static/data/${DS}/facts/${MONTH.key}.parquet')`);
  await conn.run(`CREATE TABLE projects AS SELECT * FROM read_parquet('static/data/${DS}/projects.parquet')`);
});
afterAll(() => conn?.closeSync());

const context = (filter: ReturnType<typeof statePredicate>, rules: MetricRules = RULES) =>
  ({ facts: { facts: 'facts' }, filter, month: MONTH, rules }) as unknown as QueryContext;

/** The rows the figure's link shows, read back from its URL as the data page reads it. */
async function linkRows(unit: 'district' | 'lead_unit', key: string, rules: MetricRules = RULES) {
  const params = figureParams('approvals_on_time', unit);
  const available = availableColumns(true, rules);
  const notices: never[] = [];
  const columns = parseColumns(params.get('cols'), available, notices)!.map((id) => dataColumn(id) as DataColumn);
  const sort = parseSortKeys(params.get('sort'), available, notices)!;
  expect(notices).toEqual([]);
  const ctx = context(statePredicate(figureFilters('approvals_on_time', unit, key)), rules);
  const shown = await rows(dataTableQuery(ctx, { columns: [...columns, dataColumn('approvals_required')!], sort, labels }));
  const total = (await rows(selectionApprovalsOnTimeQuery(ctx)))[0];
  return { shown, total, verdicts: shown.map((r) => (r.approvals_verdict === null ? null : VERDICT_OF.get(String(r.approvals_verdict))!)) };
}

/** The figure from verdicts, by the plan's words: done on time over those done or pending past the limit; none when there are none. */
function share(verdicts: readonly (ApprovalVerdict | null)[]): number | null {
  const judged = verdicts.filter((v) => v === 'on_time' || v === 'late' || v === 'overdue').length;
  return judged ? verdicts.filter((v) => v === 'on_time').length / judged : null;
}

/** A project's verdict worked out here from its approval dates: 立项 to the last approval needed (or the month end), in working days. */
function verdictByHand(p: Record<string, unknown>, limit: number): { verdict: ApprovalVerdict; days: number } | null {
  const date = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
  const start = date(p.approval_project_date);
  if (p.approval_project !== 'done' || !start || start > MONTH.end) return null;
  const needed = APPROVAL_KINDS.filter((k) => p[`approval_${k}`] !== 'not_required');
  const doneBy = needed.map((k) => (p[`approval_${k}`] === 'done' ? date(p[`approval_${k}_date`]) : null));
  const finished = doneBy.every((d) => d !== null && d <= MONTH.end) ? (doneBy as string[]).sort().at(-1)! : null;
  const days = workingDaysBetween(start, finished ?? MONTH.end);
  const over = days > limit;
  return { verdict: finished ? (over ? 'late' : 'on_time') : over ? 'overdue' : 'pending', days };
}

describe('the link from approvals on time to its projects', () => {
  it('is offered in the internal app where the preset has a limit the data can judge, never in a public one or without a limit', () => {
    const ids = (internal: boolean, rules: MetricRules) => availableColumns(internal, rules).map((c) => c.id);
    expect(ids(true, RULES)).toEqual(expect.arrayContaining(['approvals_verdict', 'approvals_days']));
    expect(ids(false, RULES)).not.toContain('approvals_verdict');
    expect(ids(false, RULES)).not.toContain('approvals_days');
    expect(ids(true, metricRules(DEFAULT_PRESET))).not.toContain('approvals_verdict');
  });

  for (const sequence of meta.rule_preset.ranking!.sequences) {
    it(`shows every project of each ${sequence.id} unit, the late first, their verdicts adding up to the league's figure and its total`, async () => {
      const league = await rows(
        unitValuesQuery({ month: MONTH, rules: RULES, sequence, metrics: ['approvals_on_time'], facts: { facts: 'facts' } })
      );
      expect(league.length).toBeGreaterThan(2);
      let figures = 0;
      for (const unit of league) {
        const what = `${sequence.id} ${unit.unit}`;
        const { shown, total, verdicts } = await linkRows(sequence.unit, String(unit.unit));
        expect(shown.length, what).toBe(Number(unit.projects));
        const figure = unit.approvals_on_time === null ? null : Number(unit.approvals_on_time);
        expect(share(verdicts), what).toBe(figure);
        expect(total.approvals_on_time === null ? null : Number(total.approvals_on_time), what).toBe(figure);
        // The overdue and the late first, then those within their limit, then the projects without a 立项.
        const places = verdicts.map((v) => (v === null ? APPROVAL_VERDICTS.length : APPROVAL_VERDICTS.indexOf(v)));
        expect(places, what).toEqual([...places].sort((a, b) => a - b));
        if (figure !== null) figures++;
      }
      expect(figures).toBeGreaterThan(2);
    });
  }

  it('judges each project as its approval dates counted in working days say, the 80th day on time and the 81st late', async () => {
    const projects = new Map((await rows('SELECT * FROM projects')).map((p) => [String(p.id), p]));
    const shown = await rows(
      dataTableQuery(context(null), {
        columns: ['id', 'approvals_verdict', 'approvals_days'].map((id) => dataColumn(id)!),
        sort: [{ id: 'id', descending: false }],
        labels
      })
    );
    const atLimit: string[] = [];
    for (const r of shown) {
      const byHand = verdictByHand(projects.get(String(r.id))!, LIMIT.working_days);
      const verdict = r.approvals_verdict === null ? null : VERDICT_OF.get(String(r.approvals_verdict));
      expect([r.id, verdict ?? null, r.approvals_days ?? null]).toEqual([r.id, byHand?.verdict ?? null, byHand?.days ?? null]);
      if (byHand?.days === LIMIT.working_days && byHand.verdict === 'on_time') atLimit.push(String(r.id));
    }
    // The fixture proves the limit: projects done on the 80th working day, on time at 80 and late at 79.
    expect(atLimit.length).toBeGreaterThan(0);
    const stricter = { ...RULES, approvalLimit: { ...LIMIT, working_days: LIMIT.working_days - 1 } };
    const district = String(projects.get(atLimit[0])!.district_code);
    const [at80, at79] = [await linkRows('district', district), await linkRows('district', district, stricter)];
    expect(share(at79.verdicts)).toBeLessThan(share(at80.verdicts)!);
    expect(at79.verdicts[at79.shown.findIndex((r) => r.id === atLimit[0])]).toBe('late');
  });

  it('shows in a window of rows, judged on its own, the verdicts the whole table shows', async () => {
    const columns = ['id', 'approvals_verdict', 'approvals_days'].map((id) => dataColumn(id)!);
    const whole = await rows(dataTableQuery(context(null), { columns, sort: [], labels }));
    const byId = new Map(whole.map((r) => [String(r.id), r]));
    const keys = Int32Array.from({ length: 60 }, (_, i) => i * 7);
    const window = await rows(dataTableRowsQuery(context(null), { columns, labels }, keys));
    expect(window).toHaveLength(keys.length);
    expect(window.filter((r) => r.approvals_verdict !== null).length).toBeGreaterThan(10);
    for (const r of window)
      expect([r.id, r.approvals_verdict, r.approvals_days]).toEqual([
        r.id,
        byId.get(String(r.id))!.approvals_verdict,
        byId.get(String(r.id))!.approvals_days
      ]);
  });
});
