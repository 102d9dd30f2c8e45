/**
 * Every league figure's link, run as the data page runs it (its filters' predicate, its columns,
 * its sort) over a demo month's facts on DuckDB: the rows it shows are the figure's denominator
 * for that unit (as many rows as the count, or a column summing to the sum), and the figure worked
 * out again from those rows is the league's, for every metric, unit and sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { FIGURE_LINKS, figureFilters, figureParams, metricLinkColumns, type InputMetric } from '../../../src/lib/league/figure-links.ts';
import { unitValuesQuery } from '../../../src/lib/league/league-sql.ts';
import { inputsQuery } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { dataColumn, dataTableQuery, type DataColumn } from '../../../src/lib/queries/data-table.ts';
import { translate } from '../../../src/lib/i18n/translate.ts';
import { LEAGUE_METRICS, type LeagueMetric, type RulePreset } from '../../../src/lib/rules/preset-schema.ts';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import { DEFAULT_SORT, parseColumns, parseSortKeys } from '../../../src/lib/views/data/data-settings.svelte.ts';
import { availableColumns } from '../../../src/lib/queries/data-table.ts';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';

const DS = 'lishui-2018';
const meta = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string; rule_preset: RulePreset };
const MONTH = meta.as_of.slice(0, 7);
const FACTS = `static/data/${DS}/facts/${MONTH}.parquet`;
const rules = metricRules(meta.rule_preset);
const METRICS = (Object.keys(LEAGUE_METRICS) as LeagueMetric[]).filter((m): m is InputMetric => m in FIGURE_LINKS);
const YES = translate('zh-CN', 'data.flag.yes');
const labels = { message: (key: string, params?: Record<string, string>) => translate('zh-CN', key, params), districts: new Map() };

let conn: DuckDBConnection;
const rows = async (q: unknown) =>
  JSON.parse(
    JSON.stringify((await conn.runAndReadAll(String(q))).getRowObjectsJS(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v))
  ) as Record<string, unknown>[];

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`CREATE TABLE facts AS SELECT * FROM read_parquet('${FACTS}')`);
});
afterAll(() => conn?.closeSync());

/** The rows a figure's link shows: the data page's query with the link's filters, columns and sort, read back from its URL. */
async function linkRows(metric: InputMetric, unit: 'district' | 'lead_unit', key: string) {
  const params = figureParams(metric, unit);
  const available = availableColumns(true);
  const notices: never[] = [];
  const columns = parseColumns(params.get('cols'), available, notices)!.map((id) => dataColumn(id) as DataColumn);
  const sort = parseSortKeys(params.get('sort'), available, notices) ?? [...DEFAULT_SORT];
  expect(notices).toEqual([]);
  const ctx = { facts: { facts: 'facts' }, filter: statePredicate(figureFilters(metric, unit, key)) } as unknown as QueryContext;
  return rows(dataTableQuery(ctx, { columns, sort, labels }));
}

/** A column summed over the rows shown (a yes/no column counts its yeses). */
const total = (shown: Record<string, unknown>[], id: string) =>
  shown.reduce((sum, r) => sum + (typeof r[id] === 'string' ? (r[id] === YES ? 1 : 0) : Number(r[id] ?? 0)), 0);

describe('the links from league figures to their projects', () => {
  it('has a link for every league metric, whose columns and sort keys the data page accepts', () => {
    for (const m of METRICS) {
      const cols = metricLinkColumns(m, 'district');
      for (const id of cols) expect(dataColumn(id), `${m}: ${id}`).toBeDefined();
      for (const k of FIGURE_LINKS[m].sort) expect(cols, `${m} sorts on a shown column`).toContain(k.id);
      for (const part of [FIGURE_LINKS[m].denominator, FIGURE_LINKS[m].numerator])
        if (part?.column) expect(cols, `${m} shows ${part.column}`).toContain(part.column);
    }
  });

  for (const sequence of meta.rule_preset.ranking!.sequences) {
    it(`shows, for every metric and unit of the ${sequence.id} sequence, the rows of the figure's denominator, from which the figure is worked out again`, async () => {
      const key = sequence.unit === 'district' ? 'district_code' : 'lead_unit';
      const league = await rows(unitValuesQuery({ month: MONTH, rules, sequence, metrics: METRICS, facts: { facts: 'facts' } }));
      const inputs = new Map((await rows(inputsQuery({ by: [key], facts: { facts: 'facts' } }))).map((r) => [String(r[key]), r] as const));
      expect(league.length).toBeGreaterThan(2);
      let checked = 0;
      for (const unit of league) {
        const inp = inputs.get(String(unit.unit))!;
        for (const m of METRICS) {
          const spec = FIGURE_LINKS[m];
          const shown = await linkRows(m, sequence.unit, String(unit.unit));
          const what = `${m} of ${unit.unit}`;
          const money = spec.denominator.input === 'plan';
          const denominator = Number(inp[spec.denominator.input]) / (money ? 100 : 1);
          if (spec.denominator.column === null) expect(shown.length, what).toBe(denominator);
          else expect(total(shown, spec.denominator.column), what).toBeCloseTo(denominator, 2);
          if (spec.phases === null) expect(shown.length, what).toBe(Number(unit.projects));
          const value = unit[m] === null ? null : Number(unit[m]);
          if (spec.numerator) {
            const again = denominator === 0 ? null : total(shown, spec.numerator.column ?? '') / denominator;
            if (value === null) expect(again, what).toBeNull();
            else expect(again, what).toBeCloseTo(value, 9);
          } else if (value !== null) {
            // 100 (completed − planned to date) / plan, where planned to date is each project's elapsed share of its plan.
            const due = shown.reduce((s, r) => s + Number(r.elapsed_share ?? 0) * Number(r.annual_plan), 0);
            expect((100 * (total(shown, 'completed_ytd') - due)) / denominator, what).toBeCloseTo(value, 6);
          }
          checked++;
        }
      }
      expect(checked).toBe(league.length * METRICS.length);
    });
  }

  it('puts first the projects that pull a figure down: a new project not started, the most approvals pending', async () => {
    const [lagging] = await rows(`SELECT district_code FROM facts WHERE in_plan AND phase = 'new' AND NOT started ORDER BY id LIMIT 1`);
    const starts = await linkRows('start_rate', 'district', String(lagging.district_code));
    expect(starts[0].started).toBe(translate('zh-CN', 'data.flag.no'));
    expect(starts.at(-1)!.started).toBe(YES);
    const approvals = await linkRows('approvals_rate', 'district', String(lagging.district_code));
    const pending = approvals.map((r) => Number(r.approvals_pending));
    expect(pending[0]).toBeGreaterThan(0);
    expect(pending).toEqual([...pending].sort((a, b) => b - a));
  });
});
