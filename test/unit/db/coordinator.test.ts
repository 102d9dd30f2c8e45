/**
 * The query core on duckdb-wasm (the browser's engine) with the fixture: cross-filtering,
 * month changes, and newer requests superseding older ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import { facetCountsQuery, levelMetrics, mapPointsQuery } from '../../../src/lib/queries/views.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { openWasm, type Engine } from './engines.ts';
import { ids, recorder } from './core-recorder.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

function core(connector: Connector = engine.connector): QueryCore {
  return createQueryCore({ connector, month: '2022-06', preset: FIXTURE_META.rule_preset, logger: null });
}

describe('query core', () => {
  it('answers a client with the facts as at the month', async () => {
    const c = core();
    const map = recorder(c, { query: mapPointsQuery });
    expect(ids(await map.next())).toEqual(['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'P10']);
  });

  it('filters every client, except a view by the dimension it sets itself', async () => {
    const c = core();
    const map = recorder(c, { query: mapPointsQuery });
    const sectors = recorder(c, { query: (ctx) => facetCountsQuery(ctx, 'sector'), owns: ['sector'] });
    await Promise.all([map.next(), sectors.next()]);
    c.setFilter('sector', ['infrastructure']);
    expect(ids(await map.next(2))).toEqual(['P01', 'P05', 'P10']);
    c.setFilter('district', ['450202']);
    expect(ids(await map.next(3))).toEqual(['P01', 'P10']);
    // The sector list is filtered by district but not by sector: all sectors of 城中区 remain.
    const counts = await sectors.next(2);
    expect(counts.map((r) => [r.value, r.projects])).toEqual([
      ['ecology', 1],
      ['industry', 1],
      ['infrastructure', 2]
    ]);
    expect(sectors.results.length).toBe(2);
  });

  it('filters by RAG as at the month, by name text and by lead unit, quotes included', async () => {
    const c = core();
    const map = recorder(c, { query: mapPointsQuery });
    await map.next();
    c.update({ filters: { rag: ['amber'] } });
    expect(ids(await map.next(2))).toEqual(['P04', 'P10']);
    c.update({ filters: { rag: [], q: '路' } });
    expect(ids(await map.next(3))).toEqual(['P01', 'P10']);
    c.update({ filters: { q: "路' OR 1=1 --" } });
    expect(await map.next(4)).toEqual([]);
    c.update({ filters: { q: '', unit: ['市交通局'] } });
    expect(ids(await map.next(5))).toEqual(['P05', 'P10']);
  });

  it('applies a batch of filters (a URL) in one re-query, never half of them', async () => {
    const c = core();
    const map = recorder(c, { query: mapPointsQuery });
    const sectors = recorder(c, { query: (ctx) => facetCountsQuery(ctx, 'sector'), owns: ['sector'] });
    await Promise.all([map.next(1), sectors.next(1)]);
    c.update({ month: '2022-05', filters: { district: ['450202'], sector: ['infrastructure'] } });
    expect(ids(await map.next(2))).toEqual(['P01', 'P10']);
    expect((await sectors.next(2)).map((r) => r.value)).toEqual(['ecology', 'industry', 'infrastructure']);
    await new Promise((r) => setTimeout(r, 50));
    expect([map.results.length, sectors.results.length]).toEqual([2, 2]);
  });

  it('a RAG filter follows the month: red in June is not red in May', async () => {
    const c = core();
    c.setFilter('rag', ['red']);
    const map = recorder(c, { query: mapPointsQuery });
    expect(ids(await map.next(1))).toEqual(['P02', 'P03', 'P07']);
    c.setMonth('2022-05');
    expect(ids(await map.next(2))).toEqual(['P02', 'P03']);
  });

  it('selects by map box and lasso', async () => {
    const c = core();
    const map = recorder(c, { query: mapPointsQuery });
    await map.next();
    c.setFilter('area', { type: 'box', bounds: [109.37, 24.3, 109.415, 24.34] });
    expect(ids(await map.next(2))).toEqual(['P01', 'P04', 'P07', 'P10']);
    c.setFilter('area', {
      type: 'lasso',
      ring: [
        [109.37, 24.3],
        [109.43, 24.3],
        [109.37, 24.36]
      ]
    });
    expect(ids(await map.next(3))).toEqual(['P01', 'P04', 'P07']);
  });

  it('re-queries every client for a new month, owners included', async () => {
    const c = core();
    c.setFilter('sector', ['infrastructure']);
    const totals = recorder(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['completed_ytd', 'rag']) });
    const sectors = recorder(c, { query: (ctx) => levelMetrics(ctx, 'sector', ['projects']), owns: ['sector'] });
    expect(await totals.next(1)).toEqual([{ completed_ytd: 18200, rag: 'green' }]);
    await sectors.next(1);
    c.setMonth('2022-05');
    expect(await totals.next(2)).toEqual([{ completed_ytd: 13500, rag: 'amber' }]);
    expect((await sectors.next(2)).length).toBe(4);
  });

  it('tells listeners about every change, for the URL', async () => {
    const c = core();
    const seen: string[] = [];
    c.onChange((s) => seen.push(`${s.month.key} ${s.filters.sector.join('+')}`));
    c.setFilter('sector', ['industry']);
    c.setFilter('sector', ['industry']);
    c.update({ month: '2022-05', filters: { sector: [] } });
    expect(seen).toEqual(['2022-06 industry', '2022-05 ']);
  });

  it('never lets an older result land after a newer one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Connector = {
      async query(req: { type: string; sql: string }) {
        // Hold the industry query until the ecology one has been answered.
        if (req.sql.includes("'industry'")) await gate;
        return engine.connector.query(req as never);
      }
    } as Connector;
    const c = core(slow);
    const map = recorder(c, { query: mapPointsQuery });
    await map.next();
    c.setFilter('sector', ['industry']);
    c.setFilter('sector', ['ecology']);
    expect(ids(await map.next(2))).toEqual(['P04']);
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(map.results.length).toBe(2);
    expect(ids(map.latest())).toEqual(['P04']);
  });

  it("hands a change's results to the views together, once the last query is answered", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holdSectors = false;
    const slow: Connector = {
      async query(req: { type: string; sql: string }) {
        if (holdSectors && req.sql.includes('GROUP BY "sector"')) await gate;
        return engine.connector.query(req as never);
      }
    } as Connector;
    const c = core(slow);
    const map = recorder(c, { query: mapPointsQuery });
    const sectors = recorder(c, { query: (ctx) => facetCountsQuery(ctx, 'sector') });
    await Promise.all([map.next(), sectors.next()]);
    holdSectors = true;
    c.setFilter('district', ['450202']);
    await new Promise((r) => setTimeout(r, 50));
    // The map's query has been answered, but its result waits for the sector counts.
    expect(map.results.length).toBe(1);
    release();
    await Promise.all([map.next(2), sectors.next(2)]);
    expect(ids(map.latest())).toEqual(['P01', 'P04', 'P07', 'P10']);
  });

  it('asks a view again when a change cancels its query and the next change does not re-query it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holdFirst = false;
    const slow: Connector = {
      async query(req: { type: string; sql: string }) {
        // The change to phase is still being answered when the sector filter changes.
        if (holdFirst && req.sql.includes("'completion'") && !req.sql.includes("'infrastructure'")) await gate;
        return engine.connector.query(req as never);
      }
    } as Connector;
    const c = core(slow);
    const sectors = recorder(c, { query: (ctx) => facetCountsQuery(ctx, 'sector'), owns: ['sector'] });
    await sectors.next();
    holdFirst = true;
    c.setFilter('phase', ['completion']);
    c.setFilter('sector', ['infrastructure']);
    release();
    // The sector list owns the sector filter, so it shows the counts of completion projects.
    const counts = await sectors.next(2);
    const reference = core();
    reference.setFilter('phase', ['completion']);
    const expected = await recorder(reference, { query: (ctx) => facetCountsQuery(ctx, 'sector'), owns: ['sector'] }).next();
    expect(counts).toEqual(expected);
    expect(counts.reduce((n, r) => n + Number(r.projects), 0)).toBeLessThan(9);
  });

  for (const materialize of [true, false]) {
    it(`drops the result of a month superseded by the next (facts ${materialize ? 'materialised' : 'inline'})`, async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const slow: Connector = {
        async query(req: { type: string; sql: string }) {
          const april = req.sql.includes("DATE '2022-04-01'") || /cm_facts_\d+_2022_04/.test(req.sql);
          if (april && !req.sql.startsWith('CREATE')) await gate;
          return engine.connector.query(req as never);
        }
      } as Connector;
      const c = createQueryCore({ connector: slow, month: '2022-06', preset: FIXTURE_META.rule_preset, logger: null, materialize });
      const totals = recorder(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['completed_ytd']) });
      await totals.next(1);
      c.setMonth('2022-04');
      c.setMonth('2022-05');
      expect(await totals.next(2)).toEqual([{ completed_ytd: 21200 }]);
      release();
      await new Promise((r) => setTimeout(r, 50));
      expect(totals.results.map((r) => r[0].completed_ytd)).toEqual([27140, 21200]);
    });
  }

  it('materialises each month once, and only when it is first shown', async () => {
    const creates: string[] = [];
    const counting: Connector = {
      async query(req: { type: string; sql: string }) {
        // The facts build is one exec of several statements (metrics/facts-table.ts).
        // The facts are built under another name and renamed last: one rename per table made.
        for (const m of req.sql.matchAll(/^ALTER TABLE \w+ RENAME TO (\w+)$/gm)) creates.push(`CREATE OR REPLACE TABLE ${m[1]}`);
        return engine.connector.query(req as never);
      }
    } as Connector;
    const c = core(counting);
    const totals = recorder(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['completed_ytd']) });
    await totals.next(1);
    c.setMonth('2022-05');
    await totals.next(2);
    c.setMonth('2022-06');
    expect(await totals.next(3)).toEqual([{ completed_ytd: 27140 }]);
    expect(creates.map((c) => c.replace(/cm_facts_\d+_/, 'cm_facts_N_'))).toEqual([
      'CREATE OR REPLACE TABLE cm_facts_N_2022_06',
      'CREATE OR REPLACE TABLE cm_facts_N_2022_05'
    ]);
  });

  it('reports a failing query to its client and keeps serving the others', async () => {
    const c = core();
    const errors: unknown[] = [];
    c.client({ query: () => 'SELECT * FROM no_such_table', result: () => {}, error: (e) => errors.push(e) });
    const ok = recorder(c, { query: (ctx) => levelMetrics(ctx, 'programme', ['projects']) });
    expect(await ok.next()).toEqual([{ projects: 9 }]);
    await new Promise((r) => setTimeout(r, 20));
    expect(errors.length).toBe(1);
  });

  it('stops answering a destroyed client', async () => {
    const c = core();
    const map = recorder(c, { query: mapPointsQuery });
    await map.next();
    map.client.destroy();
    c.setFilter('sector', ['industry']);
    await new Promise((r) => setTimeout(r, 50));
    expect(map.results.length).toBe(1);
    expect(c.coordinator.clients.size).toBe(0);
  });
});
