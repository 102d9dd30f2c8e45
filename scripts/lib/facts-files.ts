/**
 * The precomputed side of a dataset: facts/<YYYY-MM>.parquet for every month the app can show
 * (exactly the rows of `projectFacts`), and where each row group of projects, monthly and
 * problems Parquet starts and ends in its key (meta.json `row_groups`).
 *
 * Every dataset writer calls this inside its atomic directory write, after the tables' Parquet
 * files are written: the facts are computed from those files, as the browser would compute them.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { projectFacts } from '../../src/lib/metrics/facts.ts';
import { availableMonths, type Month } from '../../src/lib/metrics/month.ts';
import { metricRules, type MetricRules } from '../../src/lib/metrics/preset.ts';
import { parsePreset } from '../../src/lib/rules/validate.ts';
import { compareUtf8 } from '../../src/lib/db/row-groups.ts';
import { createOutsideTable, OUTSIDE_TABLE } from './outside-districts.ts';
import {
  FACTS_COLUMNS,
  FACTS_ROW_GROUP_ROWS,
  FACTS_SCHEMA,
  TABLES,
  factsFile,
  type DatasetMeta,
  type RowGroupIndex,
  type TableName
} from '../../src/lib/schema.ts';

export type FactsMeta = Required<Pick<DatasetMeta, 'facts_months' | 'row_groups'>>;

/** The column each table's row groups are indexed by. */
export const ROW_GROUP_KEYS: Record<TableName, string> = { projects: 'id', monthly: 'project_id', problems: 'project_id' };

/** The order every writer writes each table in: by its row-group key first, so row groups do not overlap. */
export const TABLE_ORDER: Record<TableName, string> = { projects: 'id', monthly: 'project_id, month', problems: 'project_id, id' };

const FACTS_PARQUET_OPTIONS = `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${FACTS_ROW_GROUP_ROWS})`;

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Writes `dir`/facts/<month>.parquet for every available month of `meta` from the tables'
 * Parquet files in `dir`, and reads their row-group key ranges; returns the meta.json fields.
 * The tables are created in `conn` under their own names for the facts SQL and dropped again,
 * with the ids of the projects outside every district of `dir`/districts.geojson.
 */
export async function writeFactsFiles(conn: DuckDBConnection, dir: string, meta: DatasetMeta): Promise<FactsMeta> {
  // A public dataset ships projects only (its facts have the internal columns NULL).
  const tables: TableName[] = meta.public ? ['projects'] : ['projects', 'monthly', 'problems'];
  const months = availableMonths(meta.as_of, meta.years);
  // The facts are computed on the dataset's rules: a preset that does not fit the schema stops here, its key named.
  const rules = metricRules(parsePreset(meta.rule_preset, path.join(dir, 'meta.json')));
  const created: string[] = [];
  try {
    for (const table of tables) {
      await loadTable(conn, path.join(dir, TABLES[table].file), table);
      created.push(table);
    }
    created.push(OUTSIDE_TABLE);
    await createOutsideTable(conn, dir);
    for (const month of months) await writeMonth(conn, dir, month, rules, !meta.public);
  } finally {
    for (const table of created) await conn.run(`DROP TABLE IF EXISTS ${ident(table)}`);
  }
  const row_groups: FactsMeta['row_groups'] = {};
  for (const table of tables) row_groups[table] = await rowGroupIndex(conn, path.join(dir, TABLES[table].file), ROW_GROUP_KEYS[table]);
  return { facts_months: months.map((m) => m.key), row_groups };
}

/**
 * Creates `table` from its file. Insertion keeps the file's row order, so a project's rowid
 * (the facts' row_key) is its row index in projects.parquet, as in the browser. Plain CREATE
 * TABLE: a table of that name already in the connection is an error, never replaced.
 */
async function loadTable(conn: DuckDBConnection, file: string, table: TableName): Promise<void> {
  await conn.run(`CREATE TABLE ${ident(table)} AS SELECT * FROM read_parquet(${literal(file)})`);
}

async function writeMonth(conn: DuckDBConnection, dir: string, month: Month, rules: MetricRules, internal: boolean): Promise<void> {
  const facts = String(projectFacts({ month, rules, internal, inputs: { outsideDistricts: OUTSIDE_TABLE } }));
  await checkColumns(conn, facts, month);
  const file = path.join(dir, factsFile(month.key));
  await mkdir(path.dirname(file), { recursive: true });
  await conn.run(`COPY (SELECT * FROM (${facts}) ORDER BY row_key) TO ${literal(file)} ${FACTS_PARQUET_OPTIONS}`);
}

/**
 * The facts query's columns must be FACTS_COLUMNS, in order, of FACTS_SCHEMA's types: the browser
 * reads the files by them and checks both.
 */
async function checkColumns(conn: DuckDBConnection, facts: string, month: Month): Promise<void> {
  const described = (await conn.runAndReadAll(`DESCRIBE ${facts}`)).getRowObjectsJS();
  const names = described.map((r) => String(r.column_name));
  if (names.join(',') !== FACTS_COLUMNS.join(',')) {
    throw new Error(`facts of ${month.key}: columns [${names.join(', ')}] are not FACTS_COLUMNS [${FACTS_COLUMNS.join(', ')}]`);
  }
  const wrong = FACTS_SCHEMA.filter((c, i) => String(described[i].column_type) !== c.type);
  if (wrong.length > 0) {
    const list = wrong.map((c) => `${c.name} ${String(described[names.indexOf(c.name)].column_type)} (FACTS_SCHEMA: ${c.type})`);
    throw new Error(`facts of ${month.key}: column types ${list.join(', ')}`);
  }
}

interface RowGroupStats {
  rows: number;
  min: string | null;
  max: string | null;
  exact: boolean;
}

/**
 * [first, last] of `key` per row group of `file`, in file order. From the Parquet statistics
 * when they are exact (DuckDB truncates string statistics past 256 bytes and says so), else by
 * scanning the file. Since the file is ordered by `key`, a group's minimum is its first key.
 */
export async function rowGroupIndex(conn: DuckDBConnection, file: string, key: string): Promise<RowGroupIndex> {
  const groups = (await rowGroupStats(conn, file, key)).filter((g) => g.rows > 0);
  const fromStats = groups.every((g) => g.exact && g.min !== null && g.max !== null);
  const ranges = fromStats ? groups.map((g): [string, string] => [g.min!, g.max!]) : await scannedRanges(conn, file, key, groups);
  checkOrdered(file, key, ranges);
  return { key, ranges };
}

async function rowGroupStats(conn: DuckDBConnection, file: string, key: string): Promise<RowGroupStats[]> {
  const result = await conn.runAndReadAll(
    `SELECT row_group_id,
       any_value(row_group_num_rows) AS rows,
       any_value(stats_min_value) FILTER (WHERE path_in_schema = ${literal(key)}) AS min,
       any_value(stats_max_value) FILTER (WHERE path_in_schema = ${literal(key)}) AS max,
       coalesce(bool_and(min_is_exact AND max_is_exact) FILTER (WHERE path_in_schema = ${literal(key)}), FALSE) AS exact
     FROM parquet_metadata(${literal(file)}) GROUP BY row_group_id ORDER BY row_group_id`
  );
  return result.getRowObjectsJS().map((r) => ({
    rows: Number(r.rows),
    min: r.min === null ? null : String(r.min),
    max: r.max === null ? null : String(r.max),
    exact: r.exact === true
  }));
}

/** min and max of `key` per row group, by row number: for files whose statistics cannot be used. */
async function scannedRanges(conn: DuckDBConnection, file: string, key: string, groups: RowGroupStats[]): Promise<[string, string][]> {
  if (groups.length === 0) return [];
  let start = 0;
  const bounds = groups.map((g, i) => `(${i}, ${start}, ${(start += g.rows)})`).join(', ');
  const result = await conn.runAndReadAll(
    `SELECT g.i, CAST(min(t.${ident(key)}) AS VARCHAR) AS lo, CAST(max(t.${ident(key)}) AS VARCHAR) AS hi
     FROM read_parquet(${literal(file)}, file_row_number = true) AS t
     JOIN (VALUES ${bounds}) AS g(i, first_row, end_row) ON t.file_row_number >= g.first_row AND t.file_row_number < g.end_row
     GROUP BY g.i ORDER BY g.i`
  );
  const rows = result.getRowObjectsJS();
  if (rows.length !== groups.length || rows.some((r) => r.lo === null || r.hi === null)) {
    throw new Error(`${file}: ${key} is missing in some row group (${rows.length} of ${groups.length} with keys)`);
  }
  return rows.map((r) => [String(r.lo), String(r.hi)]);
}

/**
 * The page finds a project's row groups by comparing UTF-8 bytes (row-groups.ts), so the ranges
 * must be ordered that way too; a group's last key may equal the next one's first (a project's
 * monthly rows split between two groups).
 */
function checkOrdered(file: string, key: string, ranges: [string, string][]): void {
  ranges.forEach(([lo, hi], i) => {
    const prev = ranges[i - 1];
    if (compareUtf8(lo, hi) > 0 || (prev && compareUtf8(prev[1], lo) > 0)) {
      throw new Error(
        `${file}: row group ${i} [${lo}, ${hi}] is not ordered by ${key} after ${prev ? `[${prev[0]}, ${prev[1]}]` : 'the start'}`
      );
    }
  });
}
