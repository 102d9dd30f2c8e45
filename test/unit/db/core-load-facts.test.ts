/**
 * The query core with a facts loader (the browser: each month's facts file, db/month-facts.ts):
 * the views wait for the month's table, never build the facts themselves, and a failed load
 * leaves no table behind and is tried again on the next visit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import type { FactsLoader } from '../../../src/lib/db/month-facts.ts';
import { levelMetrics, mapPointsQuery } from '../../../src/lib/queries/views.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { projectFacts } from '../../../src/lib/metrics/facts.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { openWasm, type Engine } from './engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

const rules = metricRules(FIXTURE_META.rule_preset);

/** A loader that puts the month's facts into the table once `open` is called (or fails). */
function gatedLoader() {
  const calls: string[] = [];
  const gates: { open: () => void; fail: (e: Error) => void }[] = [];
  const load: FactsLoader = async (month, table) => {
    calls.push(month.key);
    await new Promise<void>((open, fail) => gates.push({ open, fail }));
    await engine.rows(`CREATE TABLE ${table} AS ${projectFacts({ month, rules })}`);
  };
  return { load, calls, gates };
}

function results(c: QueryCore, query: Parameters<QueryCore['client']>[0]['query']) {
  const got: unknown[] = [];
  c.client({ query, result: (t) => got.push(t.toArray()), error: (e) => got.push({ error: String(e) }) });
  return got;
}

const settle = () => new Promise((r) => setTimeout(r, 20));

/** A core on the fixture that loads its facts with `loader`. */
function loadingCore(loader: ReturnType<typeof gatedLoader>) {
  return createQueryCore({
    connector: engine.connector,
    month: '2022-06',
    preset: FIXTURE_META.rule_preset,
    logger: null,
    loadFacts: loader.load
  });
}

/** Moves to `month`, then lets the load that started (if any) finish. */
async function visit(c: QueryCore, loader: ReturnType<typeof gatedLoader>, month: string) {
  const before = loader.gates.length;
  c.setMonth(month);
  await settle();
  loader.gates.slice(before).forEach((g) => g.open());
  await settle();
}

describe('query core with a facts loader', () => {
  it('holds the views until the month is loaded, then answers them as a core that builds the facts', async () => {
    const loader = gatedLoader();
    const loading = loadingCore(loader);
    const building = createQueryCore({ connector: engine.connector, month: '2022-06', preset: FIXTURE_META.rule_preset, logger: null });
    const query = (ctx: Parameters<typeof levelMetrics>[0]) => levelMetrics(ctx, 'district');
    const got = results(loading, query);
    const points = results(loading, mapPointsQuery);
    const expected = results(building, query);
    await building.coordinator.whenIdle();
    await settle();
    expect(loader.calls).toEqual(['2022-06']);
    expect(got).toEqual([]);
    loader.gates[0].open();
    await settle();
    await loading.coordinator.whenIdle();
    expect(got).toEqual(expected);
    expect((points[0] as unknown[]).length).toBeGreaterThan(0);
    loading.destroy();
    building.destroy();
  });

  it('loads each month it is moved to, once', async () => {
    const loader = gatedLoader();
    const c = loadingCore(loader);
    results(c, (ctx) => levelMetrics(ctx, 'programme'));
    loader.gates[0].open();
    await settle();
    await visit(c, loader, '2022-05');
    await visit(c, loader, '2022-06');
    await c.coordinator.whenIdle();
    expect(loader.calls).toEqual(['2022-06', '2022-05']);
    c.destroy();
  });

  it('leaves the views with an error when the load fails, and loads the month again on the next visit', async () => {
    const loader = gatedLoader();
    const c = loadingCore(loader);
    const got = results(c, (ctx) => levelMetrics(ctx, 'programme'));
    loader.gates[0].fail(new Error('data/x/facts/2022-06.parquet: not found'));
    await settle();
    await c.coordinator.whenIdle();
    expect(String((got.at(-1) as { error?: string }).error)).toMatch(/cm_facts_\d+_2022_06/);
    await visit(c, loader, '2022-05');
    await visit(c, loader, '2022-06');
    await c.coordinator.whenIdle();
    expect(loader.calls).toEqual(['2022-06', '2022-05', '2022-06']);
    expect(got.at(-1)).not.toHaveProperty('error');
    c.destroy();
  });
});
