/**
 * The one finishing step of every dataset writer (demo data, benchmark data, ingest): once the
 * source tables' Parquet files and districts.geojson are in the dataset's temporary folder, it
 * writes what the app reads first and most, derived from them: the first paint (points.arrow), the
 * facts of every month (facts/<YYYY-MM>.parquet with the row-group index), the playback files
 * made from those facts (playback-files.ts; not for a public dataset, whose facts have no state)
 * and meta.json.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TABLES, type DatasetMeta } from '../../src/lib/schema.ts';
import { writeFactsFiles } from './facts-files.ts';
import { FIRST_PAINT_FILE, writeFirstPaint } from './first-paint.ts';
import { writePlaybackFiles } from './playback-files.ts';

/** Writes points.arrow, the facts files, the playback files and meta.json into `dir`; returns the meta.json written. */
export async function finishDataset(conn: DuckDBConnection, dir: string, meta: DatasetMeta): Promise<DatasetMeta> {
  await writeFirstPaint(conn, path.join(dir, TABLES.projects.file), path.join(dir, FIRST_PAINT_FILE));
  const facts = await writeFactsFiles(conn, dir, meta);
  const playback = meta.public ? {} : { playback: await writePlaybackFiles(conn, dir, facts.facts_months) };
  const finished: DatasetMeta = { ...meta, first_paint: FIRST_PAINT_FILE, ...facts, ...playback };
  await writeFile(path.join(dir, 'meta.json'), JSON.stringify(finished, null, 2) + '\n');
  return finished;
}
