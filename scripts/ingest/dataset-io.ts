/** Reads an existing dataset directory back into plain rows (money and dates as exact strings). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type DatasetMeta, type TableName } from '../../src/lib/schema.ts';
import { openDuckDB, type Row } from '../lib/dataset-writer.ts';
import { fsReason } from '../lib/fs-errors.ts';
import { InputError } from './errors.ts';

export interface ExistingDataset {
  projects: Row[] | null;
  monthly: Row[] | null;
  problems: Row[] | null;
  meta: DatasetMeta | null;
  districts: FeatureCollection | null;
}

/** Reads one table; DECIMAL as '123.45', DATE as 'YYYY-MM-DD', others as JS values. */
export async function readTable(conn: DuckDBConnection, table: TableName, file: string): Promise<Row[]> {
  const cols = TABLES[table].columns.map((c) => {
    const q = `"${c.name}"`;
    if (c.type === 'DECIMAL(18,2)') return `CAST(${q} AS VARCHAR) AS ${q}`;
    if (c.type === 'DATE') return `strftime(${q}, '%Y-%m-%d') AS ${q}`;
    if (c.type === 'INTEGER') return `CAST(${q} AS INTEGER) AS ${q}`;
    return q;
  });
  const reader = await conn.runAndReadAll(`SELECT ${cols.join(', ')} FROM read_parquet('${file.replaceAll("'", "''")}')`);
  return reader.getRowObjectsJS() as Row[];
}

/** Reads one file of an existing dataset; a damaged one is an InputError saying what to do. */
async function readExisting<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const reason = fsReason(err, 'read') ?? (err as Error).message.split('\n')[0];
    throw new InputError(
      file,
      `the existing dataset's file cannot be read (${reason}): restore it, or move the dataset folder away to start afresh`
    );
  }
}

export async function readDatasetDir(dir: string): Promise<ExistingDataset> {
  const out: ExistingDataset = { projects: null, monthly: null, problems: null, meta: null, districts: null };
  if (!existsSync(dir)) return out;
  const conn = await openDuckDB();
  try {
    for (const t of ['projects', 'monthly', 'problems'] as const) {
      const f = path.join(dir, TABLES[t].file);
      if (existsSync(f)) out[t] = await readExisting(f, () => readTable(conn, t, f));
    }
  } finally {
    conn.closeSync();
  }
  const meta = path.join(dir, 'meta.json');
  if (existsSync(meta)) out.meta = await readExisting(meta, async () => JSON.parse(await readFile(meta, 'utf8')) as DatasetMeta);
  const d = path.join(dir, 'districts.geojson');
  if (existsSync(d)) out.districts = await readExisting(d, async () => JSON.parse(await readFile(d, 'utf8')) as FeatureCollection);
  return out;
}
