/**
 * The query core with views whose source tables are still loading (the milestones page: the
 * Gantt's rows beside "what changed", which reads the ledger): a view that waits for its load holds
 * up neither the others' queries nor their results, an urgent view goes first, and once the table
 * is in a change hands every result over together again (HISTORY.md change 42).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import { Query, sql } from '@uwdata/mosaic-sql';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import { mapPointsQuery } from '../../../src/lib/queries/views.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { ids, recorder } from './core-recorder.ts';
import { openWasm, type Engine } from './engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

const EVERY_PROJECT = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'P10'];
const ledgerCount = () => Query.from('loaded_problems').select({ n: sql`CAST(count(*) AS INTEGER)` });

/**
 * A core whose month's facts are held until `releaseFacts` (so the views asked meanwhile queue
 * behind them) and whose source tables load only after `releaseLedger`; `order` records the
 * points query (as `label`) and each table's load as they start.
 */
function gatedCore(label: string): { c: QueryCore; order: string[]; releaseFacts: () => void; releaseLedger: () => void } {
  const order: string[] = [];
  let releaseFacts!: () => void;
  const factsGate = new Promise<void>((r) => (releaseFacts = r));
  let releaseLedger!: () => void;
  const ledgerGate = new Promise<void>((r) => (releaseLedger = r));
  const recording: Connector = {
    async query(req: { type: string; sql: string }) {
      if (req.type === 'exec' && req.sql.includes('cm_facts_')) await factsGate;
      if (req.sql.includes('"lon"')) order.push(label);
      return engine.connector.query(req as never);
    }
  } as Connector;
  const c = createQueryCore({
    connector: recording,
    month: '2022-06',
    preset: FIXTURE_META.rule_preset,
    logger: null,
    loadTable: async (table) => {
      order.push(`load ${table}`);
      await ledgerGate;
      await engine.rows(`CREATE OR REPLACE TABLE loaded_${table} AS SELECT * FROM ${table}`);
    }
  });
  return { c, order, releaseFacts, releaseLedger };
}

describe('query core, views whose tables are loading', () => {
  it('a view whose source table is still loading holds up neither the queries nor the results of the views asked before it', async () => {
    const { c, order, releaseFacts, releaseLedger } = gatedCore('points');
    // The milestones page: the Gantt's rows, then "what changed", which reads the ledger.
    const gantt = recorder(c, { query: mapPointsQuery });
    const changes = recorder(c, { tables: ['problems'], query: ledgerCount });
    releaseFacts();
    expect(ids(await gantt.next())).toEqual(EVERY_PROJECT);
    // The Gantt's query ran before the ledger's load, which is still under way.
    expect(order.indexOf('points')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('points')).toBeLessThan(order.indexOf('load problems'));
    expect(changes.results.length).toBe(0);
    releaseLedger();
    expect(await changes.next()).toEqual([{ n: 7 }]);
    c.destroy();
    await engine.rows('DROP TABLE loaded_problems');
  });

  it('an urgent view (the rows on screen) goes ahead of the loads and queries of views asked before it', async () => {
    const { c, order, releaseFacts, releaseLedger } = gatedCore('rows');
    const changes = recorder(c, { tables: ['problems'], query: ledgerCount });
    const rows = recorder(c, { urgent: true, query: mapPointsQuery });
    releaseFacts();
    expect(ids(await rows.next())).toEqual(EVERY_PROJECT);
    expect(order.indexOf('rows')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('rows')).toBeLessThan(order.indexOf('load problems'));
    releaseLedger();
    expect(await changes.next()).toEqual([{ n: 7 }]);
    c.destroy();
    await engine.rows('DROP TABLE loaded_problems');
  });

  it("once a view's source table is in, a change hands its result and the others' over together again", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holdLedger = false;
    const slow: Connector = {
      async query(req: { type: string; sql: string }) {
        if (holdLedger && req.sql.includes('loaded_problems')) await gate;
        return engine.connector.query(req as never);
      }
    } as Connector;
    const c = createQueryCore({
      connector: slow,
      month: '2022-06',
      preset: FIXTURE_META.rule_preset,
      logger: null,
      loadTable: (table) => engine.rows(`CREATE OR REPLACE TABLE loaded_${table} AS SELECT * FROM ${table}`).then(() => undefined)
    });
    const map = recorder(c, { query: mapPointsQuery });
    const ledger = recorder(c, {
      tables: ['problems'],
      query: (ctx) =>
        Query.from('loaded_problems')
          .select({ n: sql`CAST(count(*) AS INTEGER)` })
          .where(
            sql`project_id IN (${Query.from(ctx.facts)
              .select('id')
              .where(ctx.filter ?? sql`TRUE`)})`
          )
    });
    await Promise.all([map.next(), ledger.next()]);
    holdLedger = true;
    c.setFilter('district', ['450202']);
    await new Promise((r) => setTimeout(r, 50));
    // The map's query has been answered, but its result waits for the ledger's.
    expect(map.results.length).toBe(1);
    release();
    await Promise.all([map.next(2), ledger.next(2)]);
    expect(ids(map.latest())).toEqual(['P01', 'P04', 'P07', 'P10']);
    c.destroy();
    await engine.rows('DROP TABLE loaded_problems');
  });
});
