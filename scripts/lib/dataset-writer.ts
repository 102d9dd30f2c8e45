/**
 * Writes a dataset directory (projects/monthly/problems Parquet and districts.geojson, then the
 * finishing step's points.arrow, facts Parquet and meta.json, finish-dataset.ts) atomically: every file goes to a temporary sibling
 * directory first, which then replaces the target in one rename. Either the whole dataset is
 * written or nothing is. Only a dataset folder, an empty folder or nothing is replaced
 * (dataset-target.ts); whole writes hold the dataset's lock (dataset-lock.ts).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { TABLES, type ColumnSpec, type DatasetMeta, type TableName } from '../../src/lib/schema.ts';
import { withDatasetLock, type LockOptions } from './dataset-lock.ts';
import { datasetTarget } from './dataset-target.ts';
import { TABLE_ORDER } from './facts-files.ts';
import { finishDataset } from './finish-dataset.ts';
import { asPathError } from './fs-errors.ts';
import { leftoverPath } from './leftovers.ts';

export type Row = Record<string, unknown>;

export interface DatasetFiles {
  projects: Row[];
  monthly: Row[];
  problems: Row[];
  districts: FeatureCollection;
  meta: DatasetMeta;
}

export class DatasetValidationError extends Error {}

/** Opens an in-memory DuckDB with extension auto-loading off (no network here). */
export async function openDuckDB(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false'
  });
  return instance.connect();
}

const STAGE_TYPE: Record<ColumnSpec['type'], string> = {
  VARCHAR: 'VARCHAR',
  'DECIMAL(18,2)': 'VARCHAR',
  DATE: 'VARCHAR',
  DOUBLE: 'DOUBLE',
  INTEGER: 'INTEGER',
  BOOLEAN: 'BOOLEAN'
};

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Money as an exact two-decimal string; accepts numbers of 万元 or decimal strings. */
export function moneyString(value: unknown): string {
  if (typeof value === 'string' && /^-?\d+(\.\d{1,2})?$/.test(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(2);
  if (typeof value === 'bigint') return `${value}.00`;
  throw new DatasetValidationError(`not a money amount: ${String(value)}`);
}

export function dateString(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  throw new DatasetValidationError(`not a date (YYYY-MM-DD): ${String(value)}`);
}

function appendCell(appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>, spec: ColumnSpec, value: unknown) {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (spec.type) {
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
    case 'DECIMAL(18,2)':
      appender.appendVarchar(moneyString(value));
      return;
    case 'DATE':
      appender.appendVarchar(dateString(value));
      return;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      return;
    case 'INTEGER':
      appender.appendInteger(Number(value));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
  }
}

/** Checks one row against the schema; throws naming table, row and column. */
export function validateRow(table: TableName, row: Row, index: number): void {
  for (const spec of TABLES[table].columns) {
    const value = row[spec.name];
    const where = `${TABLES[table].file} row ${index + 1} column ${spec.name}`;
    if (value === null || value === undefined) {
      if (!spec.nullable) throw new DatasetValidationError(`${where}: missing value`);
      continue;
    }
    if (spec.values && !spec.values.includes(String(value))) {
      throw new DatasetValidationError(`${where}: "${String(value)}" is not one of ${spec.values.join(', ')}`);
    }
    if ((spec.type === 'DOUBLE' || spec.type === 'INTEGER') && !Number.isFinite(Number(value))) {
      throw new DatasetValidationError(`${where}: not a number: ${String(value)}`);
    }
    // DuckDB's own cast error would name neither the row nor the column
    if (spec.type === 'DECIMAL(18,2)' && !/^-?\d{1,16}(\.|$)/.test(moneyString(value))) {
      throw new DatasetValidationError(`${where}: ${moneyString(value)} is beyond DECIMAL(18,2) (at most 9999999999999999.99)`);
    }
  }
}

/** Writes rows of one table to a zstd Parquet file, typed by the schema. */
export async function writeTableParquet(
  conn: DuckDBConnection,
  table: TableName,
  rows: Row[],
  file: string,
  orderBy?: string
): Promise<void> {
  const columns = TABLES[table].columns;
  rows.forEach((row, i) => validateRow(table, row, i));
  const stage = `stage_${table}`;
  await conn.run(`DROP TABLE IF EXISTS ${stage}`);
  await conn.run(`CREATE TABLE ${stage} (${columns.map((c) => `${quoteIdent(c.name)} ${STAGE_TYPE[c.type]}`).join(', ')})`);
  const appender = await conn.createAppender(stage);
  for (const row of rows) {
    for (const spec of columns) appendCell(appender, spec, row[spec.name]);
    appender.endRow();
  }
  appender.closeSync();
  const select = columns.map((c) => `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ');
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  const target = file.replaceAll("'", "''");
  await conn.run(`COPY (SELECT ${select} FROM ${stage}${order}) TO '${target}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`);
  await conn.run(`DROP TABLE ${stage}`);
}

/**
 * Replaces `outDir` with a directory produced by `fill(tmpDir)`; if anything fails, the
 * temporary directory is removed and `outDir` is left exactly as it was. Refuses (PathError) an
 * `outDir` that is neither absent, empty nor a dataset folder. A run killed half-way leaves
 * `.<name>.tmp-*` / `.<name>.old-*` siblings, which the next locked run recovers (leftovers.ts).
 */
export async function writeDirectoryAtomically(outDir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const target = path.resolve(outDir);
  datasetTarget(target);
  const tmpDir = leftoverPath(target, 'tmp');
  const oldDir = leftoverPath(target, 'old');
  const explain = (err: unknown) => asPathError(err, { path: target, action: 'write', subject: 'the dataset' });
  const discard = () => rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await mkdir(tmpDir);
  } catch (err) {
    throw explain(err);
  }
  try {
    await fill(tmpDir);
  } catch (err) {
    await discard();
    throw explain(err);
  }
  const hadOld = existsSync(target);
  try {
    if (hadOld) await rename(target, oldDir);
    try {
      await rename(tmpDir, target);
    } catch (err) {
      if (hadOld) await rename(oldDir, target);
      throw err;
    }
  } catch (err) {
    await discard();
    throw explain(err);
  }
  // a failure here leaves only a hidden copy of the old dataset, which the next locked run removes
  if (hadOld) await rm(oldDir, { recursive: true, force: true }).catch(() => undefined);
}

export const GENERATOR_LOCK: LockOptions = { tool: 'data generator', warn: (m) => console.warn(`warning: ${m}`) };

/** Writes a whole dataset to `outDir` atomically, holding its lock. */
export async function writeDataset(outDir: string, files: DatasetFiles): Promise<void> {
  await withDatasetLock(outDir, GENERATOR_LOCK, async () => {
    const conn = await openDuckDB();
    try {
      await writeDirectoryAtomically(outDir, async (tmp) => {
        for (const table of ['projects', 'monthly', 'problems'] as const) {
          await writeTableParquet(conn, table, files[table], path.join(tmp, TABLES[table].file), TABLE_ORDER[table]);
        }
        await writeFile(path.join(tmp, 'districts.geojson'), JSON.stringify(files.districts));
        await finishDataset(conn, tmp, files.meta);
      });
    } finally {
      conn.closeSync();
    }
  });
}
