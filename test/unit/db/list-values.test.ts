/**
 * A filter's choices (the values a list dimension takes among the projects in the plan: the filter
 * panel's units, batches, placements) answered in the page from the index's dictionaries
 * (db/local/answers.ts `values`) against DuckDB's answer to distinctValuesQuery, for every list
 * dimension on every month of the parity fixture: from the decoded facts without a request to the
 * database, from the index index-loader.ts builds by SQL, and by the database where the page answers
 * nothing. The answer is the same whatever the filters and the route's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import { distinctValuesQuery } from '../../../src/lib/queries/views.ts';
import { LIST_DIMENSION_SPECS, type ListDimension } from '../../../src/lib/state/dimensions.ts';
import { MONTHS, PARITY_PRESET } from './parity-fixture.ts';
import { openWasm, type Engine } from './engines.ts';
import { factsTable as facts, parityFactsChunks } from './parity-facts-chunks.ts';

let engine: Engine;
let chunks = new Map<string, Uint8Array[]>();

beforeAll(async () => {
  engine = await openWasm();
  chunks = await parityFactsChunks(engine);
});
afterAll(() => engine?.close());

type Source = 'decoded facts' | 'index by SQL' | 'database';

/** A core whose every request to the database is recorded, with a values view per list dimension. */
function valuesCore(source: Source, month: string) {
  const sql: string[] = [];
  const connector = {
    query(request: { sql: string }) {
      sql.push(request.sql);
      return engine.connector.query(request as never);
    }
  } as Connector;
  const core = createQueryCore({
    connector,
    month,
    preset: PARITY_PRESET,
    logger: null,
    localLimit: source === 'database' ? 0 : undefined,
    ...(source === 'decoded facts'
      ? { factsChunks: (m: string) => Promise.resolve(chunks.get(m)!), engine: { started: new Promise<never>(() => undefined) } }
      : {})
  });
  const latest = {} as Record<ListDimension, unknown[]>;
  for (const { id, column } of LIST_DIMENSION_SPECS)
    core.client({
      local: { kind: 'values', column: id },
      query: (ctx) => distinctValuesQuery(ctx.facts, column),
      result: (t) => (latest[id] = t.toArray().map((r) => (r as { value: unknown }).value))
    });
  return { core, sql, latest };
}

async function settled(core: QueryCore): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await core.coordinator.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    if (core.coordinator.outstanding === 0) return;
  }
}

/** DuckDB's answer on the month's facts table, per dimension. */
async function expected(month: string): Promise<Record<ListDimension, unknown[]>> {
  const out = {} as Record<ListDimension, unknown[]>;
  for (const { id, column } of LIST_DIMENSION_SPECS)
    out[id] = (await engine.rows(String(distinctValuesQuery({ facts: facts(month) }, column)))).map((r) => r.value);
  return out;
}

describe("a filter's choices answered in the page", () => {
  it.each(MONTHS)("equal DuckDB's for every list dimension in %s, from the decoded facts without the database", async (month) => {
    const want = await expected(month);
    const { core, sql, latest } = valuesCore('decoded facts', month);
    expect(await core.localReady()).toBe(true);
    await settled(core);
    expect(latest).toEqual(want);
    // Neither a filter nor the route's scope changes them.
    core.update({ filters: { unit: [String(want.unit[0])], sector: ['industry'] }, scope: { district: [String(want.district[0])] } });
    await settled(core);
    expect(latest).toEqual(want);
    expect(sql).toEqual([]);
    core.destroy();
  });

  it('equal them from the index built by SQL, and by the database where the page answers nothing', async () => {
    const month = MONTHS.at(-1)!;
    const want = await expected(month);
    for (const source of ['index by SQL', 'database'] as const) {
      const { core, latest } = valuesCore(source, month);
      expect(await core.localReady()).toBe(source === 'index by SQL');
      await settled(core);
      expect([source, latest]).toEqual([source, want]);
      // Asked before the index was in, they went to the database: a change asks again, of the index now.
      core.setFilter('phase', ['new']);
      await settled(core);
      expect([source, latest]).toEqual([source, want]);
      core.destroy();
    }
  });

  it('are not vacuous: NULLs and projects outside the plan are left out, several values per dimension', async () => {
    const month = MONTHS.at(-1)!;
    const [{ nulls, out }] = await engine.rows(
      `SELECT CAST(count(*) FILTER (WHERE in_plan AND lead_unit IS NULL) AS INTEGER) AS nulls,
              CAST(count(*) FILTER (WHERE NOT in_plan) AS INTEGER) AS out FROM ${facts(month)}`
    );
    expect(Number(nulls)).toBeGreaterThan(0);
    expect(Number(out)).toBeGreaterThan(0);
    const want = await expected(month);
    for (const { id } of LIST_DIMENSION_SPECS) if (id !== 'placement') expect(want[id].length, id).toBeGreaterThan(1);
  });
});
