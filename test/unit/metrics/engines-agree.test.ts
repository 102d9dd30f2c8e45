/**
 * The same SQL on @duckdb/node-api and on duckdb-wasm (the browser's engine) gives identical
 * numbers, for every metric at every level and month.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_LEVELS, metricsQuery, metricRules, projectFacts } from '../../../src/lib/metrics/index.ts';
import { openNodeApi, openWasm, type Engine } from '../db/engines.ts';
import { FIXTURE_META, writeFixture } from './fixture.ts';

let wasm: Engine;
let node: Engine;
beforeAll(async () => {
  const dir = await writeFixture();
  [wasm, node] = await Promise.all([openWasm(dir), openNodeApi(dir)]);
});
afterAll(() => {
  wasm.close();
  node.close();
});

const rules = metricRules(FIXTURE_META.rule_preset);

describe('node-api and duckdb-wasm', () => {
  for (const month of ['2022-04', '2022-05', '2022-06']) {
    for (const level of METRIC_LEVELS) {
      it(`agree on every metric at ${level} level for ${month}`, async () => {
        const sql = String(metricsQuery({ month, level, rules }));
        const [a, b] = await Promise.all([wasm.rows(sql), node.rows(sql)]);
        expect(a.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
      });
    }
  }

  it('agree on the project facts, RAG included', async () => {
    const sql = `SELECT id, completion_rate, elapsed_share, gap_points, rag, report_late, problems_overdue::INTEGER AS o
      FROM (${projectFacts({ month: '2022-06', rules })}) ORDER BY id`;
    expect(await wasm.rows(sql)).toEqual(await node.rows(sql));
  });
});
