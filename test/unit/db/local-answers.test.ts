/**
 * Views answered in the page (db/local/) against the same views answered by DuckDB, on the
 * Liuzhou demo data: two query cores on one duckdb-wasm database, one that always asks the
 * database and one that answers locally, given the same filter changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Connector } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import type { ClientSpec } from '../../../src/lib/db/coordinator-client.ts';
import { facetCountsQuery, levelMetrics } from '../../../src/lib/queries/views.ts';
import { projectPointsQuery } from '../../../src/lib/map/project-points.ts';
import { projectLinesQuery } from '../../../src/lib/map/project-lines.ts';
import { emptyFilters, type FilterState } from '../../../src/lib/state/filters.ts';
import { openWasm, type Engine } from './engines.ts';

const DIR = 'static/data/liuzhou-2022';
const KPI = [
  'projects',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'new_projects',
  'new_started',
  'start_rate'
];

let engine: Engine;
let preset: unknown;
beforeAll(async () => {
  engine = await openWasm(DIR);
  preset = JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8')).rule_preset;
});
afterAll(() => engine?.close());

const VIEWS: Record<string, Omit<ClientSpec, 'result'>> = {
  points: { owns: ['area'], local: { kind: 'rows', selection: true }, query: (ctx) => projectPointsQuery(ctx) },
  lines: { owns: ['area'], local: { kind: 'rows' }, query: (ctx) => projectLinesQuery(ctx) },
  phases: { owns: ['phase'], local: { kind: 'counts', column: 'phase' }, query: (ctx) => facetCountsQuery(ctx, 'phase') },
  sectors: { owns: ['sector'], local: { kind: 'counts', column: 'sector' }, query: (ctx) => facetCountsQuery(ctx, 'sector') },
  districts: { owns: ['district'], local: { kind: 'counts', column: 'district' }, query: (ctx) => facetCountsQuery(ctx, 'district') },
  units: { local: { kind: 'counts', column: 'unit' }, query: (ctx) => facetCountsQuery(ctx, 'unit') },
  kpis: { local: { kind: 'metrics', metrics: KPI }, query: (ctx) => levelMetrics(ctx, 'programme', KPI) }
};

/**
 * A core with every view connected; `latest` holds each view's newest rows. The page's index
 * loads in slices of 250 row_keys, so Liuzhou's 955 projects come in four.
 */
function setUp(localLimit: number, connector: Connector = engine.connector, internal = true) {
  const core: QueryCore = createQueryCore({
    connector,
    month: '2022-09',
    preset: preset as never,
    logger: null,
    localLimit,
    localSliceKeys: 250,
    internal
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
/** Liuzhou's centre, roughly: boxes and a lasso that cut through the projects. */
const CHANGES: FilterState[] = [
  f({ phase: ['new'] }),
  f({ phase: ['new', 'continuing'], sector: ['industry'] }),
  f({ district: ['450202', '450203'] }),
  f({ level: ['city', 'provincial'], size: ['ge1e5', '5000_10000'] }),
  f({ rag: ['red'] }),
  f({ rag: ['green', 'amber'], sector: ['livelihood'] }),
  f({ q: '  产业园 ' }),
  f({ q: '（a区）' }), // the name says （A区）: case-insensitive
  f({ area: { type: 'box', bounds: [109.3, 24.2, 109.5, 24.4] } }),
  f({ area: { type: 'box', bounds: [109.5, 24.4, 109.3, 24.2] }, phase: ['continuing'] }),
  f({
    area: {
      type: 'lasso',
      ring: [
        [109.2, 24.1],
        [109.6, 24.15],
        [109.55, 24.5],
        [109.3, 24.45],
        [109.2, 24.1]
      ]
    }
  }),
  f({ phase: ['continuing'], sector: ['infrastructure'], district: ['450203', '450206'], q: '路' }),
  f({ q: 'no project is called this' })
];

describe('views answered in the page', () => {
  it("give DuckDB's answers for every filter change, each view without its own dimension", async () => {
    const db = setUp(0);
    const page = setUp(50_000);
    await Promise.all([settled(db.core), settled(page.core)]);
    expect(await page.core.localReady()).toBe(true);
    expect(await db.core.localReady()).toBe(false);
    const selected: number[] = [];
    const units = (page.latest.units as { value: string | null }[]).map((r) => r.value).filter((v): v is string => v !== null);
    for (const filters of [...CHANGES, f({ unit: units.slice(0, 2) }), emptyFilters()]) {
      db.core.update({ filters });
      page.core.update({ filters });
      await Promise.all([settled(db.core), settled(page.core)]);
      selected.push(Number(page.latest.kpis[0].projects));
      for (const name of Object.keys(VIEWS))
        expect([JSON.stringify(filters), name, page.latest[name]]).toEqual([JSON.stringify(filters), name, db.latest[name]]);
    }
    // The cases are not vacuous: most select some of the projects, one none.
    const all = selected.at(-1)!;
    expect(selected.filter((n) => n > 0 && n < all).length).toBeGreaterThanOrEqual(CHANGES.length - 2);
    expect(selected).toContain(0);
  });

  it('ask the database nothing for a filter change once the month is loaded, and again for a new month', async () => {
    const asked: string[] = [];
    const counting: Connector = {
      async query(req: { type: string; sql: string }) {
        asked.push(req.sql);
        return engine.connector.query(req as never);
      }
    } as Connector;
    const page = setUp(50_000, counting);
    await settled(page.core);
    expect(await page.core.localReady()).toBe(true);
    // The map's first (unfiltered) points and lines are the page's base rows: asked for once.
    expect(asked.filter((q) => q.includes('sqrt_total')).length).toBe(1);
    expect(asked.filter((q) => q.includes('geometry IS NOT NULL')).length).toBe(1);
    asked.length = 0;
    page.core.update({ filters: f({ sector: ['industry'], q: '园' }) });
    await settled(page.core);
    expect(asked).toEqual([]);
    expect(page.latest.kpis[0].projects).toBeGreaterThan(0);
    page.core.setMonth('2022-06');
    await settled(page.core);
    expect(asked.length).toBeGreaterThan(0);
    expect(await page.core.localReady()).toBe(true);
  });

  it('are not used for a dataset above the limit', async () => {
    const page = setUp(10);
    await settled(page.core);
    expect(await page.core.localReady()).toBe(false);
  });

  it("give the public build's KPIs: internal metrics NULL", async () => {
    const db = setUp(0, engine.connector, false);
    const page = setUp(50_000, engine.connector, false);
    await Promise.all([settled(db.core), settled(page.core)]);
    expect(await page.core.localReady()).toBe(true);
    page.core.update({ filters: f({ phase: ['new'] }) });
    db.core.update({ filters: f({ phase: ['new'] }) });
    await Promise.all([settled(db.core), settled(page.core)]);
    expect(page.latest.kpis).toEqual(db.latest.kpis);
    expect(page.latest.kpis[0].gap_points).toBeNull();
  });
});
