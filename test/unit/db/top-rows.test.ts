/**
 * Ranked lists answered in the page (db/local/top-rows.ts: a district's projects furthest behind,
 * its largest contributors, its open problems) against DuckDB's answers to the same filters and
 * route scopes, on the Liuzhou demo data: two query cores on one duckdb-wasm database, one that
 * always asks the database and one that answers in the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Connector } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import type { ClientSpec } from '../../../src/lib/db/coordinator-client.ts';
import { LocalTable, SelectedRows } from '../../../src/lib/db/local/answers.ts';
import { topRows, topRowsSpec } from '../../../src/lib/db/local/top-rows.ts';
import { openProblemsQuery, openProblemsTop, rankingQuery, rankingTop, RANKINGS } from '../../../src/lib/queries/drilldown.ts';
import { emptyFilters, type FilterState } from '../../../src/lib/state/filters.ts';
import { openWasm, type Engine } from './engines.ts';

const DIR = 'static/data/liuzhou-2022';
let engine: Engine;
let preset: unknown;
beforeAll(async () => {
  engine = await openWasm(DIR);
  preset = JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8')).rule_preset;
});
afterAll(() => engine?.close());

// Limits that cut the lists at most scopes, and one (100) that leaves whole the lists of a district.
const VIEWS: Record<string, Omit<ClientSpec, 'result'>> = {
  ...Object.fromEntries(
    RANKINGS.flatMap((r) => [
      [r, { local: topRowsSpec(rankingTop(r, 10)), query: (ctx) => rankingQuery(ctx, r, 10) }],
      [`${r}_100`, { local: topRowsSpec(rankingTop(r, 100)), query: (ctx) => rankingQuery(ctx, r, 100) }]
    ])
  ),
  problems: { tables: ['problems'], local: topRowsSpec(openProblemsTop(5)), query: (ctx) => openProblemsQuery(ctx, 5) },
  problems_all: { tables: ['problems'], local: topRowsSpec(openProblemsTop(1000)), query: (ctx) => openProblemsQuery(ctx, 1000) }
};

function setUp(localLimit: number, connector: Connector = engine.connector) {
  const core: QueryCore = createQueryCore({
    connector,
    month: '2022-09',
    preset: preset as never,
    logger: null,
    localLimit,
    localSliceKeys: 250
  });
  const latest: Record<string, Record<string, unknown>[]> = {};
  for (const [name, spec] of Object.entries(VIEWS)) {
    core.client({
      ...spec,
      result: (t: Table) => (latest[name] = t.toArray() as Record<string, unknown>[]),
      error: (e) => (latest[name] = [{ error: String(e) }])
    });
  }
  return { core, latest };
}

async function settled(core: QueryCore): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await core.coordinator.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    await core.selection.pending('value');
    if (core.coordinator.outstanding === 0) return;
  }
}

const f = (part: Partial<FilterState>): FilterState => ({ ...emptyFilters(), ...part });
/** Route scopes (a district's page, a sector's) and the user's filters on top. */
const CASES: { scope: Partial<FilterState>; filters: FilterState }[] = [
  { scope: { district: ['450202'] }, filters: emptyFilters() },
  { scope: { district: ['450203'] }, filters: emptyFilters() },
  { scope: { district: ['450203'] }, filters: f({ phase: ['continuing'] }) },
  { scope: { district: ['450206'] }, filters: f({ rag: ['red', 'amber'] }) },
  { scope: { sector: ['industry'] }, filters: emptyFilters() },
  { scope: { sector: ['infrastructure'] }, filters: f({ district: ['450202', '450203'], q: '路' }) },
  { scope: {}, filters: f({ area: { type: 'box', bounds: [109.3, 24.2, 109.5, 24.4] } }) },
  { scope: {}, filters: f({ q: 'no project is called this' }) },
  { scope: {}, filters: emptyFilters() }
];

describe('ranked lists answered in the page', () => {
  it("give DuckDB's rows, order, totals and shares for every route scope and filter", async () => {
    const db = setUp(0);
    const page = setUp(50_000);
    await Promise.all([settled(db.core), settled(page.core)]);
    expect(await page.core.localReady()).toBe(true);
    const lengths: Record<string, number[]> = {};
    for (const { scope, filters } of CASES) {
      for (const core of [db.core, page.core]) core.update({ scope, filters });
      await Promise.all([settled(db.core), settled(page.core)]);
      for (const name of Object.keys(VIEWS)) {
        const label = JSON.stringify({ scope, filters, name });
        expect([label, page.latest[name]]).toEqual([label, db.latest[name]]);
        (lengths[name] ??= []).push(db.latest[name].length);
      }
    }
    // Not vacuous: each list is cut by its limit somewhere, shorter than it elsewhere, and empty once.
    expect(lengths.behind_wan.some((n) => n === 10) && lengths.behind_wan.some((n) => n > 0 && n < 10)).toBe(true);
    expect(lengths.contributors_100.some((n) => n > 10)).toBe(true);
    expect(lengths.problems.some((n) => n === 5) && lengths.problems_all.some((n) => n > 5)).toBe(true);
    for (const name of Object.keys(VIEWS)) expect(lengths[name]).toContain(0);
    expect(db.latest.contributors_100.length).toBeGreaterThan(0);
  });

  it('ask the database nothing for another district once the month is loaded', async () => {
    const asked: string[] = [];
    const counting: Connector = {
      async query(req: { type: string; sql: string }) {
        asked.push(req.sql);
        return engine.connector.query(req as never);
      }
    } as Connector;
    const page = setUp(50_000, counting);
    page.core.update({ scope: { district: ['450202'] } });
    await settled(page.core);
    expect(await page.core.localReady()).toBe(true);
    await settled(page.core);
    asked.length = 0;
    page.core.update({ scope: { district: ['450203'] }, filters: f({ phase: ['continuing'] }) });
    await settled(page.core);
    expect(asked).toEqual([]);
    expect(page.latest.behind_wan.length).toBeGreaterThan(0);
    expect(page.latest.problems.length).toBeGreaterThan(0);
  });
});

describe('a ranked list cut from its base', () => {
  const base = (of: (number | null)[], selection: number[]) =>
    new SelectedRows(
      [
        ['id', of.map((_, i) => `p${i}`)],
        ['of', of],
        ['share', of.map(() => null)],
        ['total', of.map(() => null)]
      ],
      Uint8Array.from(selection)
    );
  const top = { limit: 2, total: 'total', share: { column: 'share', of: 'of', scale: 100 } };

  it('keeps the first selected rows in the base order, with every selected row in the total and the share', () => {
    const rows = topRows(base([0.3, 0.1, 0.2, 0.4], [0, 1, 1, 1]), top).toArray();
    expect(rows.map((r) => r.id)).toEqual(['p1', 'p2']);
    expect(rows.map((r) => r.total)).toEqual([3, 3]);
    expect(rows[0].share).toBe(0.1 / 0.7);
    expect(rows[1].share).toBe(0.2 / 0.7);
  });

  it('gives no share when the selection sums to nothing, and no rows for an empty selection', () => {
    expect(
      topRows(base([0, null], [1, 1]), top)
        .toArray()
        .map((r) => r.share)
    ).toEqual([null, null]);
    const none = topRows(base([1, 2], [0, 0]), top);
    expect(none).toBeInstanceOf(LocalTable);
    expect(none.numRows).toBe(0);
  });
});
