/**
 * The query core with an engine started on demand (issue 21): while every view is answered in the
 * page from the month's decoded facts, no request reaches the database and no month is loaded into
 * it, on any month shown; the first view the page cannot answer loads the month shown ahead of its
 * query, and every month shown after it. The engine itself (EngineOnDemand) starts only when
 * awaited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import { tableFromIPC } from '@uwdata/flechette';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import { EngineOnDemand } from '../../../src/lib/db/engine-on-demand.ts';
import type { AsyncDuckDB } from '../../../src/lib/db/duckdb.ts';
import type { FactsLoader } from '../../../src/lib/db/month-facts.ts';
import { groupedMetrics, levelMetrics } from '../../../src/lib/queries/views.ts';
import { rankingQuery, rankingTop, RANKINGS } from '../../../src/lib/queries/drilldown.ts';
import { rankingBaseInPage } from '../../../src/lib/queries/ranking-in-page.ts';
import { topRowsSpec } from '../../../src/lib/db/local/top-rows.ts';
import { openProblemsQuery, openProblemsTop } from '../../../src/lib/queries/drilldown.ts';
import { openProblemsBaseInPage, problemsInPage, PROBLEMS_IN_PAGE_COLUMNS } from '../../../src/lib/queries/open-problems-in-page.ts';
import { ipcOf } from './page-rows-fixture.ts';
import { PARITY_PRESET } from './parity-fixture.ts';
import { openWasm, type Engine } from './engines.ts';
import { factsTable as facts, parityFactsChunks } from './parity-facts-chunks.ts';

let engine: Engine;
let chunks = new Map<string, Uint8Array[]>();

beforeAll(async () => {
  engine = await openWasm();
  chunks = await parityFactsChunks(engine);
});
afterAll(() => engine?.close());

/** A core as the browser makes it: facts chunks decoded in the page, a loader and every SQL text recorded. */
function onDemandCore({ tellChunks = false } = {}) {
  const sql: string[] = [];
  const loaded: string[] = [];
  const connector = {
    query(request: { sql: string }) {
      sql.push(request.sql);
      return engine.connector.query(request as never);
    }
  } as Connector;
  const loadFacts: FactsLoader = async (month, table) => {
    loaded.push(month.key);
    await engine.rows(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${facts(month.key)}`);
  };
  const core = createQueryCore({
    connector,
    month: '2022-06',
    preset: PARITY_PRESET,
    logger: null,
    loadFacts,
    factsChunks: (month, onChunk) => {
      // As the page's reads do (facts-reads.ts): each chunk told as decoded, then all of them.
      if (tellChunks) for (const c of chunks.get(month)!) onChunk?.(c, tableFromIPC(c).numRows);
      return Promise.resolve(chunks.get(month)!);
    },
    loadTable: async (table) => {
      loaded.push(table);
    },
    pageTable: async () => problemsInPage(await ipcOf(engine, `SELECT ${PROBLEMS_IN_PAGE_COLUMNS.join(', ')} FROM problems`)),
    engine: { started: new Promise(() => undefined) }
  });
  return { core, sql, loaded };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

/** A view of the projects by sector, answered in the page: its latest rows. */
function bySector(core: QueryCore): () => unknown[] {
  let rows: unknown[] = [];
  core.client({
    local: { kind: 'metrics', by: ['sector'], metrics: ['projects'] },
    query: (ctx) => groupedMetrics(ctx, ['sector'], ['projects']),
    result: (t) => (rows = t.toArray())
  });
  return () => rows;
}

describe('query core with the engine on demand', () => {
  it('answers views from the decoded facts without a request to the database, on every month shown', async () => {
    const { core, sql, loaded } = onDemandCore();
    const rows = bySector(core);
    expect(await core.localReady()).toBe(true);
    await settle();
    expect(rows().length).toBeGreaterThan(0);
    core.setMonth('2022-05');
    expect(await core.localReady()).toBe(true);
    core.setFilter('sector', ['industry']);
    await settle();
    expect(rows()).toHaveLength(1);
    expect(loaded).toEqual([]);
    expect(sql).toEqual([]);
    // Nothing goes into the database: what waits for the month there is told so.
    expect(core.factsInDatabase()).toBeNull();
    core.destroy();
  });

  it('answers as SQL does when each chunk is told as it is decoded, before all of them are given', async () => {
    const { core, sql } = onDemandCore({ tellChunks: true });
    const rows = bySector(core);
    expect(await core.localReady()).toBe(true);
    await settle();
    const expected = await engine.rows(
      String(groupedMetrics({ ...core.context(), facts: { facts: facts('2022-06') } }, ['sector'], ['projects']))
    );
    expect(rows().map((r) => JSON.stringify(r))).toEqual(expected.map((r) => JSON.stringify(r)));
    expect(sql).toEqual([]);
    core.destroy();
  });

  it('loads the month shown ahead of the first query the page cannot answer, then every month shown', async () => {
    const { core, sql, loaded } = onDemandCore();
    expect(await core.localReady()).toBe(true);
    const got: unknown[][] = [];
    expect(core.factsInDatabase()).toBeNull();
    core.client({ query: (ctx) => levelMetrics(ctx, 'district', ['projects']), result: (t) => got.push(t.toArray()) });
    // Work behind the page (warmPages) waits for the month in the database, not beside its insert.
    await core.factsInDatabase();
    expect(loaded).toEqual(['2022-06']);
    await settle();
    await core.coordinator.whenIdle();
    expect(loaded).toEqual(['2022-06']);
    expect(got).toHaveLength(1);
    expect(got[0]).toEqual(await engine.rows(String(levelMetrics(core.context(), 'district', ['projects']))));
    expect(sql.some((s) => s.includes('cm_facts_'))).toBe(true);
    core.setMonth('2022-04');
    await core.factsInDatabase();
    expect(loaded).toEqual(['2022-06', '2022-04']);
    await settle();
    await core.coordinator.whenIdle();
    expect(loaded).toEqual(['2022-06', '2022-04']);
    expect(got).toHaveLength(2);
    core.destroy();
  });
});

describe("a district's ranked projects with the engine on demand", () => {
  it('are answered in the page when the view comes after the index, as rankingQuery gives them, without a request', async () => {
    const { core, sql, loaded } = onDemandCore();
    expect(await core.localReady()).toBe(true);
    // Warmed as a district's link warms it (pages.ts warmDrill): no database either.
    await core.prefetch({ rows: [{ query: (ctx) => rankingQuery(ctx, 'behind_wan'), fromPage: rankingBaseInPage('behind_wan') }] });
    core.update({ scope: { district: ['450203'] } });
    const got: Record<string, unknown[]> = {};
    for (const ranking of RANKINGS)
      core.client({
        local: topRowsSpec(rankingTop(ranking, 10), rankingBaseInPage(ranking)),
        query: (ctx) => rankingQuery(ctx, ranking, 10),
        result: (t) => (got[ranking] = t.toArray())
      });
    await settle();
    await core.coordinator.whenIdle();
    expect(sql).toEqual([]);
    expect(loaded).toEqual([]);
    for (const ranking of RANKINGS) {
      const ctx = { ...core.context(), facts: { facts: facts('2022-06') } };
      expect(got[ranking]).toEqual(await engine.rows(String(rankingQuery(ctx, ranking, 10))));
    }
    expect(got.behind_wan.length).toBeGreaterThan(0);
    core.destroy();
  });

  it('list its open problems from the ledger decoded in the page, as openProblemsQuery does, without a request or a table load', async () => {
    const { core, sql, loaded } = onDemandCore();
    expect(await core.localReady()).toBe(true);
    core.update({ scope: { district: ['450203'] } });
    let got: unknown[] = [];
    core.client({
      tables: ['problems'],
      local: topRowsSpec(openProblemsTop(50), openProblemsBaseInPage, ['problems']),
      query: (ctx) => openProblemsQuery(ctx, 50),
      result: (t) => (got = t.toArray())
    });
    for (let i = 0; i < 50 && got.length === 0; i++) await settle();
    await core.coordinator.whenIdle();
    expect(sql).toEqual([]);
    expect(loaded).toEqual([]);
    const ctx = { ...core.context(), facts: { facts: facts('2022-06') } };
    expect(got).toEqual(await engine.rows(String(openProblemsQuery(ctx, 50))));
    expect(got.length).toBeGreaterThan(0);
    core.destroy();
  });
});

describe('EngineOnDemand', () => {
  it('starts once, when first awaited or asked, and tells when it is in without starting it', async () => {
    const db = {} as AsyncDuckDB;
    let starts = 0;
    const demand = new EngineOnDemand(async () => {
      starts++;
      return db;
    });
    let inAt = 0;
    void demand.started.then(() => (inAt = starts));
    await settle();
    expect(starts).toBe(0);
    expect(demand.demanded).toBe(false);
    expect(await demand).toBe(db);
    expect(await demand.demand()).toBe(db);
    expect(starts).toBe(1);
    expect(inAt).toBe(1);
  });

  it('passes a failed start on to its waiters', async () => {
    const demand = new EngineOnDemand(() => Promise.reject(new Error('no wasm')));
    await expect(demand.demand()).rejects.toThrow('no wasm');
    await expect(demand.started).rejects.toThrow('no wasm');
  });
});
