/**
 * The facts table built in slices (metrics/facts-table.ts) holds exactly the rows of the facts
 * query in one piece, in duckdb-wasm (the browser's engine), and leaves no helper tables behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricRules, projectFacts } from '../../../src/lib/metrics/index.ts';
import { factsTableStatements } from '../../../src/lib/metrics/facts-table.ts';
import { openWasm, type Engine } from '../db/engines.ts';
import { FIXTURE_META, writeFixture } from './fixture.ts';

let wasm: Engine;
beforeAll(async () => {
  wasm = await openWasm(await writeFixture());
});
afterAll(() => wasm.close());

const rules = metricRules(FIXTURE_META.rule_preset);

/** Rows in one relation and not in the other, both ways (duplicates counted). */
async function difference(a: string, b: string): Promise<number> {
  const [r] = await wasm.rows(`SELECT (SELECT count(*) FROM (${a} EXCEPT ALL ${b})) + (SELECT count(*) FROM (${b} EXCEPT ALL ${a})) AS d`);
  return Number(r.d);
}

describe('factsTableStatements', () => {
  for (const slices of [1, 3, 8]) {
    for (const internal of [true, false]) {
      it(`builds the same facts as the one-piece query (${slices} slice(s), ${internal ? 'internal' : 'public'})`, async () => {
        for (const month of ['2022-01', '2022-06']) {
          const table = `t_facts_${slices}_${internal ? 'i' : 'p'}`;
          await wasm.rows(factsTableStatements({ table, month, rules, internal, slices }).join(';\n'));
          const whole = String(projectFacts({ month, rules, internal }));
          const [{ n }] = await wasm.rows(`SELECT count(*)::INTEGER AS n FROM ${table}`);
          const [{ m }] = await wasm.rows(`SELECT count(*)::INTEGER AS m FROM (${whole})`);
          expect(n).toBe(m);
          expect(m).toBeGreaterThan(0);
          expect(await difference(`SELECT * FROM ${table}`, whole)).toBe(0);
          const helpers = await wasm.rows(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '${table}_%'`);
          expect(helpers).toEqual([]);
        }
      });
    }
  }

  it('names the table only once every slice is in', async () => {
    const statements = factsTableStatements({ table: 't_last', month: '2022-06', rules, slices: 4 });
    await wasm.rows(statements.slice(0, -1).join(';\n'));
    expect(await wasm.rows(`SELECT table_name FROM duckdb_tables() WHERE table_name = 't_last'`)).toEqual([]);
    await wasm.rows(statements.at(-1)!);
    const [{ n }] = await wasm.rows(`SELECT count(*)::INTEGER AS n FROM t_last`);
    const [{ projects }] = await wasm.rows(`SELECT count(*)::INTEGER AS projects FROM projects`);
    expect(n).toBe(projects);
  });

  it('puts every project in exactly one slice', async () => {
    const statements = factsTableStatements({ table: 't_count', month: '2022-06', rules, slices: 5 });
    expect(statements.filter((s) => s.startsWith('INSERT INTO t_count_building'))).toHaveLength(4);
    await wasm.rows(statements.join(';\n'));
    const [{ rows, ids }] = await wasm.rows(`SELECT count(*)::INTEGER AS rows, count(DISTINCT id)::INTEGER AS ids FROM t_count`);
    const [{ projects }] = await wasm.rows(`SELECT count(*)::INTEGER AS projects FROM projects`);
    expect(rows).toBe(projects);
    expect(ids).toBe(projects);
  });

  it('refuses a table name that is not an identifier, and no slices', () => {
    expect(() => factsTableStatements({ table: 'facts; DROP TABLE projects', month: '2022-06' })).toThrow(/not a table name/);
    expect(() => factsTableStatements({ table: 'facts', month: '2022-06', slices: 0 })).toThrow(/positive integer/);
  });
});
