/**
 * The public build leaks nothing internal: a canary planted in every internal column of a demo
 * dataset (strings, amounts, counts, dates), in its districts' targets and in the meta.json fields
 * computed from internal data, then the public build's dataset step: every Parquet file of the
 * output read with DuckDB, every column scanned, and every other file scanned as text. Compressed
 * Parquet pages hide strings from a byte scan, hence DuckDB.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, run } from '../../../scripts/generate/cli.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { parsePublicBuildConfig } from '../../../scripts/public-build/config.ts';
import { listFiles } from '../../../scripts/public-build/output-check.ts';
import { buildPublicData } from '../../../scripts/public-build/public-data.ts';
import { FACTS_SCHEMA, TABLES, type ColumnSpec, type TableName } from '../../../src/lib/schema.ts';
import { removeTemps, tempDir } from '../data/helpers.ts';

const ID = 'county-2023';
const TEXT = 'CANARY-7f3a';
const AMOUNT = '8765432.19';
const COUNT = 87654321;
const DATE = '1907-03-05';

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The canary a column of this type carries. */
function canary(c: ColumnSpec): string | null {
  switch (c.type) {
    case 'VARCHAR':
      return lit(`${TEXT}-${c.name}`);
    case 'DECIMAL(18,2)':
      return `CAST(${AMOUNT} AS DECIMAL(18,2))`;
    case 'INTEGER':
      return String(COUNT);
    case 'DATE':
      return `DATE ${lit(DATE)}`;
    default:
      return null; // a boolean cannot carry a canary: its column must be absent (checked below)
  }
}

async function plantInTable(conn: DuckDBConnection, dir: string, table: TableName): Promise<void> {
  const file = path.join(dir, TABLES[table].file);
  const replaced = TABLES[table].columns
    .filter((c) => c.visibility === 'internal' && canary(c) !== null)
    .map((c) => `${canary(c)} AS ${ident(c.name)}`);
  await conn.run(`CREATE TABLE planted AS SELECT * REPLACE (${replaced.join(', ')}) FROM read_parquet(${lit(file)})`);
  await conn.run(`COPY planted TO ${lit(file)} (FORMAT parquet, COMPRESSION zstd)`);
  await conn.run('DROP TABLE planted');
}

function plantInJson(dir: string): void {
  const metaFile = path.join(dir, 'meta.json');
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  meta.discrepancies = [{ what: `${TEXT}-discrepancy`, published: AMOUNT, computed: AMOUNT }];
  meta.targets = [{ what: `${TEXT}-target`, min_yi: AMOUNT, computed_yi: AMOUNT, met: true }];
  meta.generated = { seed: COUNT, generator: `${TEXT}-generator` };
  writeFileSync(metaFile, JSON.stringify(meta));
  const districtsFile = path.join(dir, 'districts.geojson');
  const districts = JSON.parse(readFileSync(districtsFile, 'utf8'));
  for (const f of districts.features) Object.assign(f.properties, { target_annual_investment: Number(AMOUNT), target_new_starts: COUNT });
  writeFileSync(districtsFile, JSON.stringify(districts));
}

interface Finding {
  file: string;
  column: string;
  rows: number;
}

/** Rows of each column of a Parquet file that hold a canary, by the column's type. */
async function scanParquet(conn: DuckDBConnection, file: string): Promise<Finding[]> {
  const source = `read_parquet(${lit(file)})`;
  const columns = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJS();
  const findings: Finding[] = [];
  for (const c of columns) {
    const name = ident(String(c.column_name));
    const type = String(c.column_type);
    let test: string | null = null;
    if (type === 'VARCHAR')
      test = `contains(${name}, ${lit(TEXT)}) OR contains(${name}, ${lit(AMOUNT)}) OR contains(${name}, ${lit(DATE)})`;
    else if (/^(DECIMAL|DOUBLE|FLOAT|INTEGER|BIGINT|SMALLINT|HUGEINT)/.test(type)) {
      test = `CAST(${name} AS DOUBLE) IN (${AMOUNT}, ${COUNT})`;
    } else if (type === 'DATE') test = `${name} = DATE ${lit(DATE)}`;
    if (!test) continue;
    const rows = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${source} WHERE ${test}`)).getRows()[0][0]);
    if (rows > 0) findings.push({ file, column: String(c.column_name), rows });
  }
  return findings;
}

let source: string;
let out: string;
let conn: DuckDBConnection;

beforeAll(async () => {
  source = tempDir('cm-canary-src-');
  out = tempDir('cm-canary-out-');
  await run(parseArgs(['--out', source, '--only', ID, '--force']), () => undefined);
  conn = await openDuckDB();
  for (const table of ['projects', 'monthly', 'problems'] as const) await plantInTable(conn, path.join(source, ID), table);
  plantInJson(path.join(source, ID));
  await buildPublicData(source, out, parsePublicBuildConfig({}));
});

afterAll(() => {
  conn?.closeSync();
  removeTemps();
});

describe('the public build of a dataset with a canary in every internal column', () => {
  it('was planted: the internal projects file holds the canaries', async () => {
    const found = await scanParquet(conn, path.join(source, ID, TABLES.projects.file));
    expect(found.map((f) => f.column)).toContain('lead_official');
    expect(found.map((f) => f.column)).toContain('invested_before');
    expect(found.map((f) => f.column)).toContain('actual_start');
  });

  it('writes the public dataset with its facts and first paint', async () => {
    const files = await listFiles(out);
    expect(files).toContain(`${ID}/projects.parquet`);
    expect(files).toContain(`${ID}/points.arrow`);
    expect(files.some((f) => f.startsWith(`${ID}/facts/`))).toBe(true);
    expect(files).not.toContain(`${ID}/monthly.parquet`);
    expect(files).not.toContain(`${ID}/problems.parquet`);
  });

  it('holds the canary in no column of any Parquet file', async () => {
    const parquet = (await listFiles(out)).filter((f) => f.endsWith('.parquet'));
    const findings: Finding[] = [];
    for (const f of parquet) findings.push(...(await scanParquet(conn, path.join(out, f))));
    expect(findings).toEqual([]);
  });

  it('holds the canary in no other file, read as text', async () => {
    const others = (await listFiles(out)).filter((f) => !f.endsWith('.parquet'));
    expect(others.length).toBeGreaterThan(3);
    const hits: string[] = [];
    for (const f of others) {
      const text = (await readFile(path.join(out, f))).toString('latin1');
      for (const needle of [TEXT, AMOUNT, String(COUNT), DATE]) if (text.includes(needle)) hits.push(`${f}: ${needle}`);
    }
    expect(hits).toEqual([]);
  });

  it('ships no internal project column; the internal facts columns are NULL, in_plan TRUE for every project', async () => {
    const projects = path.join(out, ID, TABLES.projects.file);
    const names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit(projects)})`))
      .getRowObjectsJS()
      .map((r) => r.column_name);
    const internal = TABLES.projects.columns.filter((c) => c.visibility === 'internal').map((c) => c.name);
    expect(names.filter((n) => internal.includes(String(n)))).toEqual([]);
    const facts = (await listFiles(out)).filter((f) => f.includes('/facts/'));
    // Exits are internal: a public build counts every project as in the plan (schema.ts).
    const internalFacts = FACTS_SCHEMA.filter((c) => c.visibility === 'internal' && c.name !== 'in_plan').map((c) => c.name);
    for (const f of facts) {
      const counts = `SELECT ${internalFacts.map((c) => `count(${ident(c)})`).join(' + ')} + count(*) FILTER (NOT in_plan) AS n
        FROM read_parquet(${lit(path.join(out, f))})`;
      expect([f, Number((await conn.runAndReadAll(counts)).getRows()[0][0])]).toEqual([f, 0]);
    }
  });
});
