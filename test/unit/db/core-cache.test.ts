/**
 * The query core's result cache stays small however many distinct queries the views make (every
 * filter change has new SQL for a view the page does not answer itself, e.g. the choropleth).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createQueryCore } from '../../../src/lib/db/coordinator.ts';
import { CACHE_ENTRIES } from '../../../src/lib/db/core-options.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { openWasm, type Engine } from './engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine.close());

it('keeps at most CACHE_ENTRIES results after 1,000 distinct queries with small results', async () => {
  const core = createQueryCore({ connector: engine.connector, month: '2022-06', preset: FIXTURE_META.rule_preset, logger: null });
  const queries = Array.from({ length: 1000 }, (_, i) => `SELECT count(*) + ${i} AS n FROM projects`);
  for (const q of queries) await core.query(q);
  const cache = core.coordinator.manager.cache();
  expect(queries.filter((q) => cache.get(q) !== undefined)).toHaveLength(CACHE_ENTRIES);
  // The latest are the ones kept: asked again, they are not queried again.
  expect(cache.get(queries.at(-1)!)).toBeDefined();
  core.destroy();
});
