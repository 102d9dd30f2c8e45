/**
 * A dataset's public derivative, written from its internal folder: projects.parquet with the
 * whitelisted public columns only (no monthly or problems tables), districts.geojson without
 * targets, then the same finishing step as every dataset writer (finish-dataset.ts: the first
 * paint, the facts of every month with the internal columns NULL, meta.json), so the embed on the
 * public site loads as fast as the internal map.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { FACTS_ROW_GROUP_ROWS, TABLES, type DatasetMeta } from '../../src/lib/schema.ts';
import { finishDataset } from '../lib/finish-dataset.ts';
import type { PublicDatasetPlan } from './config.ts';
import { LABELS_TABLE, publicDistricts, publicMeta, publicProjectsSelect } from './public-dataset-parts.ts';

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Writes the public derivative of the dataset in `sourceDir` into `outDir` (created); returns its meta.json. */
export async function writePublicDataset(
  conn: DuckDBConnection,
  sourceDir: string,
  outDir: string,
  plan: PublicDatasetPlan
): Promise<DatasetMeta> {
  const meta = JSON.parse(await readFile(path.join(sourceDir, 'meta.json'), 'utf8')) as DatasetMeta;
  const districts = JSON.parse(await readFile(path.join(sourceDir, 'districts.geojson'), 'utf8')) as FeatureCollection;
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'districts.geojson'), JSON.stringify(publicDistricts(districts)));
  const labelsCreated = plan.locations.kind === 'district';
  if (labelsCreated) await createLabelsTable(conn, districts);
  try {
    const source = `read_parquet(${literal(path.join(sourceDir, TABLES.projects.file))})`;
    const target = literal(path.join(outDir, TABLES.projects.file));
    await conn.run(
      `COPY (${publicProjectsSelect(plan, source)}) TO ${target} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${FACTS_ROW_GROUP_ROWS})`
    );
  } finally {
    if (labelsCreated) await conn.run(`DROP TABLE IF EXISTS ${LABELS_TABLE}`);
  }
  return finishDataset(conn, outDir, publicMeta(meta, plan));
}

async function createLabelsTable(conn: DuckDBConnection, districts: FeatureCollection): Promise<void> {
  await conn.run(`CREATE TABLE ${LABELS_TABLE} (code VARCHAR, lon DOUBLE, lat DOUBLE)`);
  const appender = await conn.createAppender(LABELS_TABLE);
  for (const f of districts.features) {
    const p = f.properties as { code: string; label: [number, number] };
    appender.appendVarchar(p.code);
    appender.appendDouble(p.label[0]);
    appender.appendDouble(p.label[1]);
    appender.endRow();
  }
  appender.closeSync();
}
