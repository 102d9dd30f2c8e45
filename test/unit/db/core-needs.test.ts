/**
 * What the query core gives the pages beyond the month's filters: a route scope that filters
 * every client (owners included), months and source tables a client declares (loaded as queued
 * tasks ahead of its query), prefetch, and the count of clients with a query under way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '@uwdata/flechette';
import { Query, sql } from '@uwdata/mosaic-sql';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import type { ClientSpec } from '../../../src/lib/db/coordinator-client.ts';
import type { FactsLoader } from '../../../src/lib/db/month-facts.ts';
import { facetCountsQuery, levelMetrics } from '../../../src/lib/queries/views.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { projectFacts } from '../../../src/lib/metrics/facts.ts';
import { monthOf } from '../../../src/lib/metrics/month.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { openWasm, type Engine } from './engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

const rules = metricRules(FIXTURE_META.rule_preset);

function core(options: Partial<Parameters<typeof createQueryCore>[0]> = {}): QueryCore {
  return createQueryCore({
    connector: engine.connector,
    month: '2022-06',
    preset: FIXTURE_META.rule_preset,
    logger: null,
    localLimit: 0,
    ...options
  });
}

/** A client whose latest rows (or error) are kept. */
function watch(c: QueryCore, spec: Omit<ClientSpec, 'result'>) {
  const seen: { rows: Record<string, unknown>[] | null; error: string | null; results: number } = { rows: null, error: null, results: 0 };
  const client = c.client({
    ...spec,
    result: (t: Table) => {
      seen.rows = t.toArray() as Record<string, unknown>[];
      seen.results++;
    },
    error: (e) => (seen.error = String(e))
  });
  return { seen, client };
}

/** Polls until the core has no query outstanding and its selection has settled. */
async function settled(c: QueryCore): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await c.coordinator.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    await c.selection.pending('value');
    if (c.coordinator.outstanding === 0 && c.pending === 0) return;
  }
  throw new Error('the core did not settle');
}

const districtsOf = (rows: Record<string, unknown>[] | null) => (rows ?? []).map((r) => r.value);

describe('a route scope', () => {
  it('filters every client, those that own its dimension too, and goes with `{}`', async () => {
    const c = core();
    const chart = watch(c, { owns: ['district'], query: (ctx) => facetCountsQuery(ctx, 'district') });
    const kpi = watch(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    await settled(c);
    expect(districtsOf(chart.seen.rows)).toEqual(['450202', '450203', '450205']);
    c.setScope({ district: ['450202'] });
    await settled(c);
    expect(districtsOf(chart.seen.rows)).toEqual(['450202']);
    expect(kpi.seen.rows![0].projects).toBe(chart.seen.rows![0].projects);
    // The chart's own filter leaves it unfiltered by that filter, never by the scope.
    c.setFilter('district', ['450203']);
    await settled(c);
    expect(districtsOf(chart.seen.rows)).toEqual(['450202']);
    expect(kpi.seen.rows![0].projects).toBe(0);
    c.update({ scope: {}, filters: { district: [] } });
    await settled(c);
    expect(districtsOf(chart.seen.rows)).toEqual(['450202', '450203', '450205']);
    expect(c.scope).toEqual({});
    c.destroy();
  });
});

describe('a change for a page about to be replaced', () => {
  it('does not ask the views shown again; a view connected after it queries with it', async () => {
    const c = core();
    const old = watch(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    await settled(c);
    const before = old.seen.results;
    c.update({ filters: { phase: ['new'] }, scope: { district: ['450202'] } }, { requery: false });
    await settled(c);
    expect(old.seen.results).toBe(before);
    old.client.destroy();
    const next = watch(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    await settled(c);
    // P01, the only new project of 城中区 in the plan.
    expect(next.seen.rows).toEqual([{ projects: 1 }]);
    expect(c.filters.phase).toEqual(['new']);
    c.destroy();
  });
});

describe('months and tables a client declares', () => {
  it('the month before is built ahead of the query that reads it, as a core at that month sees it', async () => {
    const c = core();
    const before = monthOf(2022, 5);
    const prev = watch(c, {
      months: () => [before],
      query: (ctx) =>
        Query.from(ctx.factsOf(before))
          .select({ n: sql`CAST(count(*) AS INTEGER)`, done: sql`CAST(sum(completed_ytd) AS DOUBLE)` })
          .where(sql`in_plan`)
    });
    const may = core({ month: '2022-05' });
    const same = watch(may, {
      query: (ctx) =>
        Query.from(ctx.facts)
          .select({ n: sql`CAST(count(*) AS INTEGER)`, done: sql`CAST(sum(completed_ytd) AS DOUBLE)` })
          .where(sql`in_plan`)
    });
    await Promise.all([settled(c), settled(may)]);
    expect(prev.seen.error).toBeNull();
    expect(prev.seen.rows).toEqual(same.seen.rows);
    // June's facts differ: the client really read May's.
    const june = await engine.rows(
      `SELECT CAST(sum(completed_ytd) AS DOUBLE) AS done FROM (${projectFacts({ month: '2022-06', rules })}) WHERE in_plan`
    );
    expect(june[0].done).not.toBe(prev.seen.rows![0].done);
    c.destroy();
    may.destroy();
  });

  it('a source table is loaded once, before the first query that reads it', async () => {
    const loads: string[] = [];
    const c = core({
      loadTable: async (table) => {
        loads.push(table);
        await engine.rows(`CREATE OR REPLACE TABLE loaded_${table} AS SELECT * FROM ${table}`);
      }
    });
    const read = (c2: QueryCore) =>
      watch(c2, { tables: ['problems'], query: () => Query.from('loaded_problems').select({ n: sql`CAST(count(*) AS INTEGER)` }) });
    const a = read(c);
    const b = read(c);
    await settled(c);
    expect(loads).toEqual(['problems']);
    expect(a.seen.error).toBeNull();
    expect(a.seen.rows).toEqual([{ n: 7 }]);
    expect(b.seen.rows).toEqual([{ n: 7 }]);
    c.destroy();
    await engine.rows('DROP TABLE loaded_problems');
  });

  it('prefetch loads a month behind the queries shown, and a client that then needs it does not load it again', async () => {
    const loaded: string[] = [];
    const loadFacts: FactsLoader = async (month, table) => {
      loaded.push(month.key);
      await engine.rows(`CREATE TABLE ${table} AS ${projectFacts({ month, rules })}`);
    };
    const c = core({ loadFacts });
    watch(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    await settled(c);
    expect(loaded).toEqual(['2022-06']);
    await c.prefetch({ months: ['2022-05'] });
    expect(loaded).toEqual(['2022-06', '2022-05']);
    const before = monthOf(2022, 5);
    const prev = watch(c, {
      months: () => [before],
      query: (ctx) => Query.from(ctx.factsOf(before)).select({ n: sql`CAST(count(*) AS INTEGER)` })
    });
    await settled(c);
    expect(prev.seen.rows).toEqual([{ n: 10 }]);
    expect(loaded).toEqual(['2022-06', '2022-05']);
    c.destroy();
  });
});

describe('months and tables a prefetch queued', () => {
  /** A facts loader that records each month it loads and builds its table from the fixture's tables. */
  function recordingLoader() {
    const loaded: string[] = [];
    const loadFacts: FactsLoader = async (month, table) => {
      loaded.push(month.key);
      await engine.rows(`CREATE OR REPLACE TABLE ${table} AS ${projectFacts({ month, rules })}`);
    };
    return { loaded, loadFacts };
  }
  const countOf = (month: ReturnType<typeof monthOf>) => (ctx: Parameters<ClientSpec['query']>[0]) =>
    Query.from(ctx.factsOf(month)).select({ n: sql`CAST(count(*) AS INTEGER)` });

  it('are loaded ahead of a view that needs them before the prefetch got to them, and only once', async () => {
    const { loaded, loadFacts } = recordingLoader();
    const tables: string[] = [];
    const c = core({
      loadFacts,
      loadTable: async (table) => {
        tables.push(table);
        await engine.rows(`CREATE OR REPLACE TABLE early_${table} AS SELECT * FROM ${table}`);
      }
    });
    const may = monthOf(2022, 5);
    // Queued behind the views (low priority), not awaited: the view comes at once.
    void c.prefetch({ months: ['2022-05'], tables: ['problems'] });
    const view = watch(c, { months: () => [may], query: countOf(may) });
    const problems = watch(c, {
      tables: ['problems'],
      query: () => Query.from('early_problems').select({ n: sql`CAST(count(*) AS INTEGER)` })
    });
    await settled(c);
    expect(view.seen.error).toBeNull();
    expect(view.seen.rows).toEqual([{ n: 10 }]);
    expect(problems.seen.error).toBeNull();
    expect(problems.seen.rows).toEqual([{ n: 7 }]);
    expect(loaded).toEqual(['2022-06', '2022-05']);
    expect(tables).toEqual(['problems']);
    c.destroy();
    await engine.rows('DROP TABLE early_problems');
  });

  it('are all kept while they load, and the month shown too, however many there are', async () => {
    const { loaded, loadFacts } = recordingLoader();
    const c = core({ loadFacts });
    const kpi = watch(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    await settled(c);
    const months = [1, 2, 3, 4, 5].map((i) => monthOf(2022, i));
    await c.prefetch({ months: months.map((m) => m.key) });
    // A view reading all of them finds each in: none is loaded again.
    const series = watch(c, {
      months: () => months,
      query: (ctx) => Query.unionAll(...months.map((m) => countOf(m)(ctx)))
    });
    c.setFilter('phase', ['new']);
    await settled(c);
    expect(series.seen.error).toBeNull();
    expect(kpi.seen.error).toBeNull();
    expect(loaded).toEqual(['2022-06', '2022-01', '2022-02', '2022-03', '2022-04', '2022-05']);
    c.destroy();
  });

  it('stay loaded when the page that read them goes and a filter or the route scope changes', async () => {
    const { loaded, loadFacts } = recordingLoader();
    const c = core({ loadFacts });
    const months = [2, 3, 4, 5].map((i) => monthOf(2022, i));
    const read = () => watch(c, { months: () => months, query: (ctx) => Query.unionAll(...months.map((m) => countOf(m)(ctx))) });
    const first = read();
    await settled(c);
    first.client.destroy();
    c.setScope({ district: ['450202'] });
    c.setFilter('sector', ['industry']);
    const second = read();
    await settled(c);
    expect(second.seen.error).toBeNull();
    expect(loaded).toEqual(['2022-06', '2022-02', '2022-03', '2022-04', '2022-05']);
    // A new month shown lets go of those no view reads beyond the few kept, as before.
    second.client.destroy();
    c.setMonth('2022-01');
    await settled(c);
    const again = read();
    await settled(c);
    expect(again.seen.error).toBeNull();
    expect(loaded.length).toBeGreaterThan(6);
    c.destroy();
  });
});

describe('pending', () => {
  it('counts the clients with a query under way, and is 0 once every view has its data', async () => {
    const c = core();
    const counts: number[] = [];
    c.onPending((n) => counts.push(n));
    watch(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    watch(c, { query: (ctx) => facetCountsQuery(ctx, 'sector') });
    await settled(c);
    expect(Math.max(...counts)).toBe(2);
    expect(counts.at(-1)).toBe(0);
    expect(c.pending).toBe(0);
    c.setFilter('phase', ['new']);
    await settled(c);
    expect(counts.at(-1)).toBe(0);
    c.destroy();
  });
});
