/**
 * The war room changes the query core's state many times an hour, sometimes several times a
 * second (a presenter's keys): a view whose result was held for a slower one and then asked again
 * must still settle its first request, or mosaic's throttled updates wait on it for ever and the
 * view keeps showing an old scene's figures.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import { createQueryCore } from '../../../src/lib/db/coordinator.ts';
import { levelMetrics } from '../../../src/lib/queries/views.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { openWasm, type Engine } from '../db/engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

it("a view's result held for a slower one and then asked again still settles its first request (no frozen view)", async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const slow = {
    async query(req: { type: string; sql: string }) {
      if (req.sql.includes('slow_marker')) await gate;
      return engine.connector.query(req as never);
    }
  } as Connector;
  const c = createQueryCore({ connector: slow, month: '2022-06', preset: FIXTURE_META.rule_preset, logger: null, localLimit: 0 });
  const fast = c.client({ query: (ctx) => levelMetrics(ctx, 'programme', ['projects']), result: () => undefined });
  c.client({ query: () => 'SELECT 1 AS slow_marker', result: () => undefined });
  // The fast view's result is in, held until the slow one's comes.
  for (let i = 0; i < 500 && c.coordinator.outstanding !== 1; i++) await new Promise((r) => setTimeout(r, 10));
  expect(c.coordinator.outstanding).toBe(1);
  const first = fast._pending as Promise<unknown>;
  fast.requestQuery();
  release();
  const settled = await Promise.race([first.then(() => 'settled'), new Promise((r) => setTimeout(() => r('open'), 3000))]);
  expect(settled).toBe('settled');
  c.destroy();
});
