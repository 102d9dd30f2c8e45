/** The same league table on @duckdb/node-api and on duckdb-wasm (the browser's engine): identical ranks, scores and lists. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leagueMetrics, leagueTableQuery, leagueWithChangeQuery, unitValuesQuery } from '../../../src/lib/league/league-sql.ts';
import { factsRelation } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { DEFAULT_PRESET } from '../../../src/lib/rules/presets/common.ts';
import { openNodeApi, openWasm, type Engine } from '../db/engines.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';

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
// The fixture has a few projects per district and unit: rank every unit with at least one.
const ranking = { ...DEFAULT_PRESET.ranking!, min_projects: 1 };

describe('league table on node-api and duckdb-wasm', () => {
  for (const sequence of ranking.sequences) {
    it(`gives the same table with rank changes for the ${sequence.id} sequence, June against May`, async () => {
      const table = (month: string) =>
        leagueTableQuery(
          unitValuesQuery({ month, rules, sequence, metrics: leagueMetrics(ranking), facts: factsRelation(month, rules, true) }),
          ranking
        );
      const sql = String(leagueWithChangeQuery(table('2022-06'), table('2022-05')));
      const [a, b] = await Promise.all([wasm.rows(sql), node.rows(sql)]);
      expect(a.length).toBeGreaterThan(1);
      expect(a.some((r) => r.composite_rank !== null)).toBe(true);
      expect(a).toEqual(b);
    });
  }
});
