/**
 * The problem ledger (问题台账) on the demo data: its open and overdue problems are exactly those
 * the metrics count (the facts' problems_open and problems_overdue) at every month, under a
 * filter too; its own filters, counts and totals agree with its rows; its status as at a month;
 * the projects with open problems for the map; and the pure URL state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';
import { metricsQuery } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import type { LabelSource } from '../../../src/lib/queries/data-table.ts';
import { ledgerCountsQuery, ledgerQuery, ledgerTotalsQuery, problemMarkersQuery } from '../../../src/lib/queries/problems.ts';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { translate } from '../../../src/lib/i18n/translate.ts';
import {
  clickLedgerSort,
  DEFAULT_LEDGER_SORT,
  emptyLedgerFilter,
  ledgerParams,
  parseLedgerFilter,
  parseLedgerSort,
  toggleFacet,
  type LedgerFilter
} from '../../../src/lib/views/problems/ledger-state.ts';
import type { UrlNotice } from '../../../src/lib/state/url-values.ts';
import { ledgerFilterWords } from '../../../src/lib/views/problems/ledger-export.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const DATASETS = ['liuzhou-2022', 'county-2023'];
let engine: Engine;
const metas = new Map<string, DatasetMeta>();
const table = (ds: string, m: string) => `facts_${ds.replace(/-/g, '_')}_${m.replace('-', '_')}`;
const problems = (ds: string) => `problems_${ds.replace(/-/g, '_')}`;
const labels: LabelSource = { message: (key, params) => translate('zh-CN', key, params), districts: new Map() };

beforeAll(async () => {
  engine = await openNodeApi();
  for (const ds of DATASETS) {
    const dir = `static/data/${ds}`;
    const meta = JSON.parse(await readFile(`${dir}/meta.json`, 'utf8')) as DatasetMeta;
    metas.set(ds, meta);
    for (const m of meta.facts_months!)
      await engine.rows(`CREATE TABLE ${table(ds, m)} AS SELECT * FROM read_parquet('${dir}/facts/${m}.parquet')`);
    await engine.rows(`CREATE TABLE ${problems(ds)} AS SELECT * FROM read_parquet('${dir}/problems.parquet')`);
  }
});
afterAll(() => engine?.close());

function context(month: string, ds: string, filters: Record<string, string[]> = {}): Pick<QueryContext, 'facts' | 'filter' | 'month'> {
  return { filter: statePredicate(filters) ?? undefined, month: toMonth(month), facts: { facts: table(ds, month) } };
}

/** Runs a query of the ledger against one dataset's problems table. */
const run = (ds: string, q: { toString(): string }) =>
  engine.rows(
    String(q)
      .replaceAll('problems AS p', `${problems(ds)} AS p`)
      .replaceAll('FROM "problems"', `FROM ${problems(ds)}`)
  );

async function metricCounts(ds: string, month: string, filters: Record<string, string[]>) {
  const meta = metas.get(ds)!;
  const [row] = await engine.rows(
    String(
      metricsQuery({
        month,
        rules: metricRules(meta.rule_preset),
        facts: { facts: table(ds, month) },
        filter: statePredicate(filters),
        metrics: ['problems_open', 'problems_overdue']
      })
    )
  );
  return { open: Number(row.problems_open), overdue: Number(row.problems_overdue) };
}

const sort = DEFAULT_LEDGER_SORT;

describe('the ledger', () => {
  it("counts as open and overdue exactly the metrics' problems_open and problems_overdue, month by month", async () => {
    for (const ds of DATASETS) {
      const months = metas.get(ds)!.facts_months!;
      for (const month of [months[0], months[Math.floor(months.length / 2)], months.at(-2)!, months.at(-1)!]) {
        const rows = await run(ds, ledgerQuery(context(month, ds), { filter: emptyLedgerFilter(), sort, labels }));
        const expected = await metricCounts(ds, month, {});
        expect({ ds, month, open: rows.filter((r) => r.open).length, overdue: rows.filter((r) => r.overdue).length }).toEqual({
          ds,
          month,
          ...expected
        });
        const [totals] = await run(ds, ledgerTotalsQuery(context(month, ds), emptyLedgerFilter()));
        expect({ open: totals.open, overdue: totals.overdue, problems: totals.problems }).toEqual({ ...expected, problems: rows.length });
      }
    }
  });

  it('agrees with the metrics under a project filter, the workspace filters applying through the project', async () => {
    const ds = 'liuzhou-2022';
    const month = metas.get(ds)!.facts_months!.at(-3)!;
    const filters = { sector: ['industry'], phase: ['new', 'continuing'] };
    const [totals] = await run(ds, ledgerTotalsQuery(context(month, ds, filters), emptyLedgerFilter()));
    expect({ open: totals.open, overdue: totals.overdue }).toEqual(await metricCounts(ds, month, filters));
  });

  it("filters by overdue, due within the week, category, level and status, and each chart's counts ignore only its own facet", async () => {
    const ds = 'liuzhou-2022';
    const month = metas.get(ds)!.facts_months!.at(-2)!;
    const ctx = context(month, ds);
    const all = await run(ds, ledgerQuery(ctx, { filter: emptyLedgerFilter(), sort, labels }));
    const overdue = await run(ds, ledgerQuery(ctx, { filter: { ...emptyLedgerFilter(), due: 'overdue' }, sort, labels }));
    expect(overdue.length).toBe(all.filter((r) => r.overdue).length);
    expect(overdue.length).toBeGreaterThan(0);
    const week = await run(ds, ledgerQuery(ctx, { filter: { ...emptyLedgerFilter(), due: 'week' }, sort, labels }));
    expect(week.every((r) => r.open && !r.overdue && r.flag === '7日内到期')).toBe(true);
    const end = toMonth(month).end;
    for (const r of week) {
      const d = new Date(Number(r.deadline)).toISOString().slice(0, 10);
      expect(d >= end && d <= new Date(Date.parse(end) + 7 * 86400000).toISOString().slice(0, 10)).toBe(true);
    }
    const filter: LedgerFilter = { category: ['funding', 'demolition'], level: [], status: ['supervised'], due: null };
    const some = await run(ds, ledgerQuery(ctx, { filter, sort, labels }));
    expect(some.length).toBe(all.filter((r) => ['funding', 'demolition'].includes(String(r.category)) && r.status === 'supervised').length);
    const byCategory = await run(ds, ledgerCountsQuery(ctx, filter, 'category'));
    const supervised = all.filter((r) => r.status === 'supervised');
    for (const { value, problems: n } of byCategory) expect(n).toBe(supervised.filter((r) => r.category === value).length);
  });

  it('names values in the language asked for and sorts by the key chosen, then by id', async () => {
    const ds = 'liuzhou-2022';
    const month = metas.get(ds)!.facts_months!.at(-1)!;
    const rows = await run(
      ds,
      ledgerQuery(context(month, ds), { filter: emptyLedgerFilter(), sort: { key: 'age', descending: true }, labels })
    );
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i - 1].age)).toBeGreaterThanOrEqual(Number(rows[i].age));
    const overdueRow = rows.find((r) => r.overdue)!;
    expect(overdueRow.flag).toBe('逾期');
    expect(overdueRow.status_name).toBe(translate('zh-CN', `problemStatus.${overdueRow.status}`));
    expect(rows.find((r) => r.category === 'land')?.category_name).toBe('用地');
  });

  it('puts by default the overdue first, then those due within the week, the other open ones, the settled, each by deadline', async () => {
    const ds = 'liuzhou-2022';
    const month = metas.get(ds)!.facts_months!.at(-1)!;
    const rows = await run(ds, ledgerQuery(context(month, ds), { filter: emptyLedgerFilter(), sort, labels }));
    const rank = (r: Record<string, unknown>) => (r.overdue ? 0 : r.due_soon ? 1 : r.open ? 2 : 3);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      expect(rank(a) < rank(b) || (rank(a) === rank(b) && Number(a.deadline) <= Number(b.deadline))).toBe(true);
    }
    expect(new Set(rows.map(rank)).size).toBe(4);
  });

  it('gives a problem closed out after the month end the status it was being handled in then', async () => {
    const ds = 'liuzhou-2022';
    const months = metas.get(ds)!.facts_months!;
    const early = months[2];
    const rows = await run(ds, ledgerQuery(context(early, ds), { filter: emptyLedgerFilter(), sort, labels }));
    for (const r of rows) {
      if (r.open) expect(['open', 'assigned', 'supervised']).toContain(r.status);
      else expect(['resolved', 'closed']).toContain(r.status);
    }
  });
});

describe("the ledger's export", () => {
  it("states the ledger's own filters in words, in either language", () => {
    const filter: LedgerFilter = { category: ['land', 'funding'], level: [], status: ['supervised'], due: 'week' };
    expect(ledgerFilterWords(filter, 'zh-CN')).toEqual(['问题类别：用地、资金', '办理状态：督办中', '期限：7 日内到期']);
    expect(ledgerFilterWords(filter, 'en')).toEqual(['Category: Land, Funding', 'Status: Supervised', 'Deadline: Due within 7 days']);
    expect(ledgerFilterWords(emptyLedgerFilter(), 'en')).toEqual([]);
  });

  it('puts names with quotes into the query as values, never as SQL', async () => {
    const ds = 'county-2023';
    const month = metas.get(ds)!.facts_months!.at(-1)!;
    const quoted: LabelSource = { message: (key) => `it's ${key}'; DROP TABLE x; --`, districts: new Map([['x', "O'Brien"]]) };
    const rows = await run(
      ds,
      ledgerQuery(context(month, ds), { filter: emptyLedgerFilter(), sort: { key: 'district', descending: false }, labels: quoted })
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(String(rows[0].category_name)).toMatch(/^it's problemCategory\./);
  });
});

describe('the problems on the map', () => {
  it("marks each selected project with open problems, with its open and overdue counts summing to the metrics'", async () => {
    const ds = 'liuzhou-2022';
    const month = metas.get(ds)!.facts_months!.at(-1)!;
    const markers = await run(ds, problemMarkersQuery(context(month, ds)));
    const [placed] = await engine.rows(
      `SELECT CAST(sum(problems_raised - problems_settled) AS INTEGER) AS open, CAST(sum(problems_overdue) AS INTEGER) AS overdue
       FROM ${table(ds, month)} WHERE in_plan AND lon IS NOT NULL AND lat IS NOT NULL`
    );
    expect(markers.length).toBeGreaterThan(0);
    expect(markers.reduce((s, m) => s + Number(m.open), 0)).toBe(placed.open);
    expect(markers.reduce((s, m) => s + Number(m.overdue), 0)).toBe(placed.overdue);
    expect(markers.every((m) => Number(m.top_level) >= 0 && Number(m.top_level) <= 4 && Number(m.open) > 0)).toBe(true);
  });

  it("under the ledger's own filters marks exactly the open rows the ledger lists, placed projects only", async () => {
    const ds = 'liuzhou-2022';
    const month = metas.get(ds)!.facts_months!.at(-1)!;
    const ctx = context(month, ds);
    const sort = { key: 'urgency', descending: false } as const;
    const placed = new Set(
      (await engine.rows(`SELECT id FROM ${table(ds, month)} WHERE in_plan AND lon IS NOT NULL AND lat IS NOT NULL`)).map((r) =>
        String(r.id)
      )
    );
    const counted = new Set<string>();
    for (const filter of [
      { ...emptyLedgerFilter(), category: ['land'] },
      { ...emptyLedgerFilter(), level: ['district', 'city_taskforce'] },
      { ...emptyLedgerFilter(), due: 'overdue' as const },
      { ...emptyLedgerFilter(), status: ['assigned', 'supervised'] }
    ]) {
      const listed = (await run(ds, ledgerQuery(ctx, { filter, sort, labels }))).filter((r) => r.open && placed.has(String(r.project_id)));
      const markers = await run(ds, problemMarkersQuery(ctx, filter));
      expect(
        markers.reduce((n, m) => n + Number(m.open), 0),
        JSON.stringify(filter)
      ).toBe(listed.length);
      expect(new Set(markers.map((m) => String(m.id)))).toEqual(new Set(listed.map((r) => String(r.project_id))));
      counted.add(String(listed.length));
    }
    // The filters pick different problems (the check would pass vacuously on an empty ledger).
    expect(counted.size).toBeGreaterThan(1);
  });
});

describe("the ledger's URL state", () => {
  it('reads what it writes, in canonical order, leaving defaults out', () => {
    let f = toggleFacet(emptyLedgerFilter(), 'category', 'funding');
    f = toggleFacet(f, 'category', 'land');
    f = { ...f, due: 'overdue' };
    const p = ledgerParams(f, { key: 'age', descending: true });
    expect(p.toString()).toBe('pcat=land%2Cfunding&due=overdue&psort=-age');
    const notices: UrlNotice[] = [];
    expect(parseLedgerFilter(p, notices)).toEqual({ category: ['land', 'funding'], level: [], status: [], due: 'overdue' });
    expect(parseLedgerSort(p.get('psort'), notices)).toEqual({ key: 'age', descending: true });
    expect(notices).toEqual([]);
    expect(ledgerParams(emptyLedgerFilter(), DEFAULT_LEDGER_SORT).toString()).toBe('');
  });

  it('drops values it does not know, with a notice for each', () => {
    const notices: UrlNotice[] = [];
    const f = parseLedgerFilter(new URLSearchParams('pcat=land,bogus&due=soon&pstatus=closed'), notices);
    expect(f).toEqual({ category: ['land'], level: [], status: ['closed'], due: null });
    expect(parseLedgerSort('-nope', notices)).toBeNull();
    expect(notices.map((n) => n.params.value)).toEqual(['bogus', 'soon', '-nope']);
  });

  it('sorts by a clicked column, turning it round on a second click', () => {
    const s = clickLedgerSort(DEFAULT_LEDGER_SORT, 'age');
    expect(s).toEqual({ key: 'age', descending: true });
    expect(clickLedgerSort(s, 'age')).toEqual({ key: 'age', descending: false });
    expect(clickLedgerSort(s, 'project')).toEqual({ key: 'project', descending: false });
  });
});
