/**
 * Every example query runs on every demo dataset, as the console runs it: through the classifier,
 * over the stable views made by the console's own statements, in @duckdb/node-api over the
 * dataset's Parquet files (the month's facts as the query core names them). The public examples
 * also run on a public version of each dataset (projects' public columns only, no monthly or
 * problems), as a public build ships it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { classify } from '../../../src/lib/console/classify.ts';
import { EXAMPLES, examplesFor } from '../../../src/lib/console/examples.ts';
import { viewStatements } from '../../../src/lib/console/stable-names.ts';
import { and } from '@uwdata/mosaic-sql';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import { columnsOf, factsColumnsOf, factsFile, type DatasetMeta, type TableName } from '../../../src/lib/schema.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { DEMO_IDS } from '../data/helpers.ts';

const DATA = path.resolve('static/data');
let conn: DuckDBConnection;

const file = (id: string, name: string) => `'${path.join(DATA, id, name).replaceAll("'", "''")}'`;
const asOf = (id: string) => (JSON.parse(readFileSync(path.join(DATA, id, 'meta.json'), 'utf8')) as DatasetMeta).facts_months!.at(-1)!;

/** The dataset's tables in `db` (a database of its own), facts of its as-of month, public columns only when asked. */
async function load(id: string, db: string, internal: boolean): Promise<TableName[]> {
  await conn.run(`ATTACH ':memory:' AS ${db}`);
  const facts = internal ? '*' : factsColumnsOf('public').join(', ');
  await conn.run(`CREATE TABLE ${db}.main.facts_month AS SELECT ${facts} FROM read_parquet(${file(id, factsFile(asOf(id)))})`);
  const tables: TableName[] = internal ? ['projects', 'monthly', 'problems'] : ['projects'];
  for (const t of tables) {
    const columns = internal ? '*' : columnsOf(t, 'public').join(', ');
    await conn.run(`CREATE TABLE ${db}.main.${t} AS SELECT ${columns} FROM read_parquet(${file(id, `${t}.parquet`)})`);
  }
  return tables;
}

async function runAll(id: string, internal: boolean, filter: string | null) {
  const db = `${internal ? 'i' : 'p'}_${id.replaceAll('-', '_')}${filter ? '_f' : ''}`;
  const tables = await load(id, db, internal);
  for (const statement of viewStatements({ facts: 'facts_month', filter, tables, internal, database: db })) await conn.run(statement);
  const rows: Record<string, number> = {};
  for (const example of examplesFor(internal)) {
    const verdict = classify(example.sql);
    expect(verdict.ok, example.id).toBe(true);
    const result = await conn.runAndReadAll(example.sql).catch((e: Error) => {
      throw new Error(`${id} ${example.id}: ${e.message}`);
    });
    rows[example.id] = result.currentRowCount;
  }
  return rows;
}

beforeAll(async () => {
  conn = await openDuckDB();
});
afterAll(() => conn.closeSync());

describe('the example queries', () => {
  it.each(DEMO_IDS)('run without error on %s', async (id) => {
    const rows = await runAll(id, true, null);
    expect(Object.keys(rows)).toEqual(EXAMPLES.map((e) => e.id));
    expect(rows['behind-by-district'], id).toBeGreaterThan(0);
    expect(rows['top-lagging'], id).toBeGreaterThan(0);
    expect(rows['summarize'], id).toBeGreaterThan(10);
  });

  it.each(DEMO_IDS)('that are public run on the public version of %s', async (id) => {
    const rows = await runAll(id, false, null);
    expect(Object.keys(rows)).toEqual(EXAMPLES.filter((e) => !e.internal).map((e) => e.id));
    expect(Object.values(rows).every((n) => n > 0)).toBe(true);
  });

  it('run under a filter: selection is the filtered facts', async () => {
    const filter = String(and(statePredicate({ phase: ['new'] })));
    const rows = await runAll('liuzhou-2022', true, filter);
    expect(rows['start-rate']).toBeGreaterThan(0);
    const selected = await conn.runAndReadAll('SELECT count(*) AS n, count(DISTINCT phase) AS phases FROM selection');
    expect(selected.getRowObjectsJson()[0]).toMatchObject({ phases: '1' });
  });
});
