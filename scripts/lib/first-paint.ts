/**
 * points.arrow: the map's first paint, written next to projects.parquet from that file. Arrow
 * IPC, one record batch, columns already as deck.gl takes them (float32 positions and square-root
 * sizes, phase codes), largest project first as the points query orders them. The page reads it
 * with apache-arrow, without waiting for parquet-wasm or duckdb-wasm to compile (npm run bench: at
 * 1M projects, the first paint from projects.parquet came 4.8–7.2 s after navigation, most of it
 * parquet-wasm starting and decoding six columns of a 58 MB file).
 *
 * Only what projects.parquet holds goes in: `exited` only when the file has exited_on (a public
 * build's has not). `row_key` is the project's row in projects.parquet (the facts' row_key): the
 * playback's points are found by it among the filtered projects, and their ids for the card.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { writeFile } from 'node:fs/promises';
import { NEVER } from '../../src/lib/db/preview-points.ts';
import { PHASES } from '../../src/lib/schema.ts';

export const FIRST_PAINT_FILE = 'points.arrow';

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A money column's square root as the first paint stores it (FLOAT); NULL and negatives as 0. */
export const sqrtOf = (c: string) => `CAST(sqrt(greatest(coalesce(CAST(${c} AS DOUBLE), 0), 0)) AS FLOAT)`;

/** The first paint's row order over projects.parquet's columns: every per-point file (playback) keeps it. */
export const POINT_ORDER = `${sqrtOf('total_investment')} DESC, id`;

/** Reads `projectsFile` (Parquet) and writes the first paint's Arrow file to `outFile`. */
export async function writeFirstPaint(conn: DuckDBConnection, projectsFile: string, outFile: string): Promise<void> {
  const source = `read_parquet(${literal(projectsFile)}, file_row_number = true)`;
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  const names = new Set(described.getRowObjectsJS().map((r) => String(r.column_name)));
  // Phase as its index in PHASES, 255 for anything else, as preview-points.ts `codes` does.
  const phase = `coalesce(list_position([${PHASES.map(literal).join(', ')}], phase) - 1, 255)`;
  const exited = names.has('exited_on') ? `coalesce(CAST(exited_on - DATE '1970-01-01' AS INTEGER), ${NEVER})` : 'NULL';
  const result = await conn.runAndReadAll(
    `SELECT CAST(lon AS FLOAT) AS lon, CAST(lat AS FLOAT) AS lat, ${phase} AS phase,
       ${sqrtOf('total_investment')} AS sqrt_total, ${sqrtOf('annual_plan')} AS sqrt_annual, ${exited} AS exited,
       CAST(file_row_number AS INTEGER) AS row_key
     FROM ${source} ORDER BY ${POINT_ORDER}`
  );
  const [lon, lat, phases, sqrtTotal, sqrtAnnual, exitedDays, rowKeys] = result.getColumnsJS() as number[][];
  const n = lon.length;
  // NULL coordinates as NaN, as the projects file's preview does (the points are then not drawn).
  const f32 = (values: (number | null)[]) => Float32Array.from(values, (v) => (v === null ? NaN : v));
  const columns: Record<string, Float32Array | Uint8Array | Int32Array> = {
    lon: f32(lon),
    lat: f32(lat),
    phase: Uint8Array.from(phases),
    sqrt_total: f32(sqrtTotal),
    sqrt_annual: f32(sqrtAnnual),
    row_key: Int32Array.from(rowKeys)
  };
  if (names.has('exited_on')) columns.exited = Int32Array.from(exitedDays);
  const table = tableFromArrays(columns);
  if (table.numRows !== n) throw new Error(`${outFile}: ${table.numRows} rows written for ${n} projects`);
  await writeFile(outFile, tableToIPC(table, 'file'));
}
