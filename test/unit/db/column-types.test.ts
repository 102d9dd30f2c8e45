/**
 * A Parquet file's columns against the schema, names and types (src/lib/db/column-types.ts), on
 * files DuckDB writes and parquet-wasm reads as the browser does: a type that cannot stand for
 * the schema's is named with what was expected and what was found; wider integers, other decimal
 * scales and narrower floats are taken.
 */
import { describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readParquet } from 'parquet-wasm/node';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { schemaProblems } from '../../../src/lib/db/column-types.ts';
import { FACTS_SCHEMA, PROBLEM_COLUMNS } from '../../../src/lib/schema.ts';

/** The Arrow fields parquet-wasm reads from a Parquet file DuckDB writes from `select`. */
async function fieldsOf(select: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cm-types-'));
  const file = path.join(dir, 'f.parquet');
  const conn = await openDuckDB();
  try {
    await conn.run(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
    return tableFromIPC(readParquet(new Uint8Array(await readFile(file))).schema.intoIPCStream()).schema.fields;
  } finally {
    conn.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/** One row of the facts schema, with some columns replaced by other expressions. */
const factsSelect = (replace: Record<string, string> = {}) =>
  'SELECT ' + FACTS_SCHEMA.map((c) => `${replace[c.name] ?? `CAST(NULL AS ${c.type})`} AS ${c.name}`).join(', ');

const FACTS_NEEDS = FACTS_SCHEMA.map(({ name, type }) => ({ name, type }));

describe('a facts file checked against FACTS_SCHEMA', () => {
  it('passes when it has every column of its type', async () => {
    expect(schemaProblems(await fieldsOf(factsSelect()), FACTS_NEEDS)).toEqual({ missing: [], mismatched: [] });
  });

  it('names each column of another type, with the type expected and the type found', async () => {
    const fields = await fieldsOf(
      factsSelect({
        total_investment: "'12.50'",
        in_plan: '1::INTEGER',
        completed_ytd: '1.5::DOUBLE',
        row_key: "'7'",
        rag: '2::INTEGER'
      })
    );
    expect(schemaProblems(fields, FACTS_NEEDS).mismatched).toEqual([
      { column: 'total_investment', expected: 'DECIMAL(18,2)', found: 'VARCHAR' },
      { column: 'row_key', expected: 'INTEGER', found: 'VARCHAR' },
      { column: 'completed_ytd', expected: 'DECIMAL(18,2)', found: 'DOUBLE' },
      { column: 'in_plan', expected: 'BOOLEAN', found: 'INTEGER' },
      { column: 'rag', expected: 'VARCHAR', found: 'INTEGER' }
    ]);
  });

  it('takes other integer widths, other decimal scales, whole 万元 and single-precision coordinates', async () => {
    const fields = await fieldsOf(
      factsSelect({
        row_key: '1::BIGINT',
        approvals_done: '1::UTINYINT',
        problems_raised: '1::INTEGER',
        total_investment: '1.2345::DECIMAL(38,4)',
        annual_plan: '12::DECIMAL(9,0)',
        completed_ytd: '12::BIGINT',
        lon: '109.4::FLOAT',
        completion_rate: '0.5::DECIMAL(5,4)'
      })
    );
    expect(schemaProblems(fields, FACTS_NEEDS)).toEqual({ missing: [], mismatched: [] });
  });

  it('reports absent columns as missing, not as mismatched', async () => {
    const fields = await fieldsOf('SELECT 1::INTEGER AS row_key');
    const { missing, mismatched } = schemaProblems(fields, FACTS_NEEDS);
    expect(missing).toHaveLength(FACTS_SCHEMA.length - 1);
    expect(mismatched).toEqual([]);
  });
});

describe('a source table checked against its columns', () => {
  const NEEDS = PROBLEM_COLUMNS.map(({ name, type }) => ({ name, type }));
  const problems = (replace: Record<string, string>) =>
    'SELECT ' + PROBLEM_COLUMNS.map((c) => `${replace[c.name] ?? `CAST(NULL AS ${c.type})`} AS ${c.name}`).join(', ');

  it('refuses a timestamp where a date is meant, and money or text as a float', async () => {
    const fields = await fieldsOf(problems({ deadline: "TIMESTAMPTZ '2022-06-30 00:00:00+08'", notices: "'2'" }));
    expect(schemaProblems(fields, NEEDS).mismatched).toEqual([
      { column: 'deadline', expected: 'DATE', found: 'TIMESTAMP WITH TIME ZONE' },
      { column: 'notices', expected: 'INTEGER', found: 'VARCHAR' }
    ]);
  });

  it('needs no type where the read names none', async () => {
    const fields = await fieldsOf(problems({ notices: "'2'" }));
    expect(schemaProblems(fields, [{ name: 'notices' }])).toEqual({ missing: [], mismatched: [] });
  });
});
