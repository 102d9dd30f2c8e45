/**
 * Row views' bases loaded before the views exist (LocalAnswers `warm`, through the core's
 * `prefetch({ rows })`: what the map loads behind it for a first click into a district's page):
 * the district page's ranked lists made afterwards are answered in the page without asking the
 * database, and give DuckDB's own rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Connector } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import { createQueryCore } from '../../../src/lib/db/coordinator.ts';
import type { ClientSpec, QueryContext } from '../../../src/lib/db/coordinator-client.ts';
import { topRowsSpec } from '../../../src/lib/db/local/top-rows.ts';
import { openProblemsQuery, openProblemsTop, rankingQuery, rankingTop, type Ranking } from '../../../src/lib/queries/drilldown.ts';
import { openWasm, type Engine } from './engines.ts';

const DIR = 'static/data/liuzhou-2022';
let engine: Engine;
let preset: unknown;
beforeAll(async () => {
  engine = await openWasm(DIR);
  preset = JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8')).rule_preset;
});
afterAll(() => engine?.close());

const SCOPE = { district: ['450203'] };
const views = (ranking: Ranking): Record<string, Omit<ClientSpec, 'result'>> => ({
  ranking: { local: topRowsSpec(rankingTop(ranking, 10)), query: (ctx) => rankingQuery(ctx, ranking, 10) },
  problems: { tables: ['problems'], local: topRowsSpec(openProblemsTop(50)), query: (ctx) => openProblemsQuery(ctx, 50) }
});

function core(localLimit: number, asked?: string[]) {
  const connector: Connector = asked
    ? ({
        async query(req: { type: string; sql: string }) {
          asked.push(req.sql);
          return engine.connector.query(req as never);
        }
      } as Connector)
    : engine.connector;
  return createQueryCore({ connector, month: '2022-09', preset: preset as never, logger: null, localLimit, localSliceKeys: 250 });
}

async function settled(c: ReturnType<typeof core>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await c.coordinator.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    await c.selection.pending('value');
    if (c.coordinator.outstanding === 0) return;
  }
}

/** The views' answers for the district, on a core whose month is loaded and whose bases were warmed by `warm`. */
async function afterWarm(warm: ((ctx: QueryContext) => ReturnType<typeof rankingQuery>)[], ranking: Ranking) {
  const asked: string[] = [];
  const c = core(50_000, asked);
  expect(await c.localReady()).toBe(true);
  await c.prefetch({ tables: ['problems'], rows: warm });
  await settled(c);
  asked.length = 0;
  c.update({ scope: SCOPE });
  const latest: Record<string, unknown[]> = {};
  for (const [name, spec] of Object.entries(views(ranking)))
    c.client({ ...spec, result: (t: Table) => (latest[name] = t.toArray()), error: (e) => (latest[name] = [String(e)]) });
  await settled(c);
  const askedForViews = [...asked];
  c.destroy();
  return { asked: askedForViews, latest };
}

async function fromDatabase(ranking: Ranking) {
  const c = core(0);
  c.update({ scope: SCOPE });
  const latest: Record<string, unknown[]> = {};
  for (const [name, spec] of Object.entries(views(ranking))) c.client({ ...spec, result: (t: Table) => (latest[name] = t.toArray()) });
  await settled(c);
  c.destroy();
  return latest;
}

describe('bases warmed before their views', () => {
  it("answer a district page's lists made afterwards without asking the database, as DuckDB does", async () => {
    const { asked, latest } = await afterWarm([(ctx) => rankingQuery(ctx, 'behind_wan'), (ctx) => openProblemsQuery(ctx)], 'behind_wan');
    expect(asked).toEqual([]);
    const db = await fromDatabase('behind_wan');
    expect(db.ranking.length).toBeGreaterThan(0);
    expect(db.problems.length).toBeGreaterThan(0);
    expect(latest).toEqual(db);
  });

  it('leave a view whose query is another to the database (its base is its own query text)', async () => {
    const { asked, latest } = await afterWarm([(ctx) => rankingQuery(ctx, 'behind_points'), (ctx) => openProblemsQuery(ctx)], 'behind_wan');
    expect(asked.some((sql) => sql.includes('gap_wan < 0'))).toBe(true);
    expect(latest).toEqual(await fromDatabase('behind_wan'));
  });
});
