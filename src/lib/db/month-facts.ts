/**
 * The tables the query core loads as its clients need them. A month's facts table is loaded from
 * the facts file the data pipeline wrote
 * (`facts/<YYYY-MM>.parquet`, scripts/lib/facts-files.ts) instead of being built from the
 * projects, the monthly reports and the problems: at 1M projects that build was duckdb-wasm's
 * memory high-water mark and most of a timeline step (npm run bench).
 */
import {
  factsFile,
  FACTS_COLUMNS,
  FACTS_ROW_GROUP_ROWS,
  FACTS_SCHEMA,
  TABLE_PROJECTIONS,
  TABLES,
  type ProjectionName,
  type TableName
} from '../schema.ts';
import type { TableLoader } from './core-tables.ts';
import type { Month } from '../metrics/month.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import { DataLoadError } from './errors.ts';
import type { DataSource } from './data-source.ts';
import { chunkInserter, runData } from './table-insert.ts';
import { perfMark } from '../perf.ts';
import { FactsReads } from './facts-reads.ts';
import { PAGE_CHUNK_READS, PAGE_FACTS_COLUMNS } from './local/index-from-facts.ts';

/** Loads a month's facts into a table; rejects (naming the file) and leaves no table on failure. */
export type FactsLoader = (month: Month, table: string) => Promise<void>;

/**
 * The month's facts file read into chunks, checked against the facts schema; rejects naming the
 * file. A read for the page's index decodes the page's columns, hands each chunk over as they read
 * from it (PAGE_CHUNK_READS), and keeps the file (facts-reads.ts).
 */
export function factsReads(source: DataSource, datasetFile: (file: string) => string, months: readonly string[]): FactsReads {
  return new FactsReads(async (monthKey, onChunk, { forIndex, from }) => {
    const file = datasetFile(factsFile(monthKey));
    if (!months.includes(monthKey)) {
      throw new DataLoadError({ key: 'error.noFactsMonth', params: { file, month: monthKey } }, file, months.join(', '));
    }
    return source.parquetKept(file, {
      required: FACTS_SCHEMA.map(({ name, type }) => ({ name, type })),
      // Every column is checked (a file that fails, fails before the page shows any of it); the index decodes its own.
      columns: forIndex ? [...PAGE_FACTS_COLUMNS] : [...FACTS_COLUMNS],
      onChunk,
      // The index's columns read in the decoding worker, off the page's main thread.
      ...(forIndex ? { reads: PAGE_CHUNK_READS } : {}),
      chunkRows: FACTS_ROW_GROUP_ROWS,
      ...(from ? { kept: from } : {})
    });
  });
}

/**
 * Loads a month's facts into a table from its read (started earlier by the page's index, or now),
 * chunk by chunk as they are decoded (each taken as it is, facts-reads.ts), once the engine is in;
 * the read is let go once inserted.
 */
export function monthFactsLoader(
  db: AsyncDuckDB | PromiseLike<AsyncDuckDB>,
  reads: FactsReads,
  engineIn: () => boolean = () => true
): FactsLoader {
  return async (month, table) => {
    if (!/^\w+$/.test(table)) throw new RangeError(`not a table name: ${table}`);
    // Before the engine is in, the page's index will ask for the month too: read for it first.
    const read = reads.read(month.key, !engineIn());
    // Loaded under another name and renamed once whole: queries of the month never see half of it.
    const loading = chunkInserter(db, `${table}_loading`);
    try {
      for await (const chunk of read) {
        // The first chunk goes to DuckDB once both it and the engine are in.
        await db;
        perfMark(`facts-insert-start:${month.key}`);
        await loading.add(chunk);
      }
      await loading.done();
      await runData(db, [`DROP TABLE IF EXISTS ${table}`, `ALTER TABLE ${table}_loading RENAME TO ${table}`]);
    } catch (err) {
      await loading.drop().catch(() => undefined);
      throw err;
    } finally {
      reads.release(month.key, read);
    }
    perfMark(`facts-loaded:${month.key}`);
  };
}

/**
 * Loads a source table (projects, monthly, problems) whole, or a projection of one (schema.ts
 * TABLE_PROJECTIONS: its columns only), under its own name: a client that reads it by name asked
 * for it. A public dataset's projects file has its public columns only; a projection keeps its
 * internal ones as NULL columns there, so its readers' SQL stays the same.
 */
export function sourceTableLoader(
  db: AsyncDuckDB | PromiseLike<AsyncDuckDB>,
  source: DataSource,
  datasetFile: (file: string) => string,
  isPublic = false
): TableLoader {
  return async (name) => {
    const projection = name in TABLE_PROJECTIONS ? TABLE_PROJECTIONS[name as ProjectionName] : null;
    const table: TableName = projection ? projection.of : (name as TableName);
    const wanted: ReadonlySet<string> | null = projection ? new Set(projection.columns) : null;
    const file = datasetFile(TABLES[table].file);
    // a public dataset's tables are read without their internal columns; a projection reads only its own
    const required = TABLES[table].columns
      .filter((c) => (!isPublic || c.visibility === 'public') && (!wanted || wanted.has(c.name)))
      .map(({ name, type }) => ({ name, type }));
    const loading = chunkInserter(db, `${name}_loading`);
    try {
      await source.parquet(file, { required, columns: required.map((c) => c.name), onChunk: loading.add });
      await loading.done();
      const absent = TABLES[table].columns.filter((c) => wanted?.has(c.name) && !required.some((r) => r.name === c.name));
      await runData(db, [
        ...absent.map((c) => `ALTER TABLE ${name}_loading ADD COLUMN ${c.name} ${c.type}`),
        `DROP TABLE IF EXISTS ${name}`,
        `ALTER TABLE ${name}_loading RENAME TO ${name}`
      ]);
    } catch (err) {
      await loading.drop().catch(() => undefined);
      throw err;
    }
    perfMark(`table-loaded:${name}`);
  };
}
