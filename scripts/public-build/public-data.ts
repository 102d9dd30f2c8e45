/**
 * The public build's dataset step: the public derivative of every dataset the configuration lets
 * through, and their index.json, from an internal data folder (static/data) into the public one.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetIndexEntry, DatasetMeta } from '../../src/lib/schema.ts';
import { openDuckDB } from '../lib/dataset-writer.ts';
import { datasetPlan, type PublicBuildConfig } from './config.ts';
import { writePublicDataset } from './public-dataset.ts';

export interface PublicDataResult {
  written: string[];
  leftOut: string[];
}

export async function buildPublicData(sourceDir: string, outDir: string, config: PublicBuildConfig): Promise<PublicDataResult> {
  const index = JSON.parse(await readFile(path.join(sourceDir, 'index.json'), 'utf8')) as DatasetIndexEntry[];
  const entries: DatasetIndexEntry[] = [];
  const result: PublicDataResult = { written: [], leftOut: [] };
  const conn = await openDuckDB();
  try {
    for (const entry of index) {
      const dir = path.join(sourceDir, entry.id);
      if (!existsSync(path.join(dir, 'meta.json'))) continue;
      const meta = JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta;
      const plan = datasetPlan(config, entry.id, meta.internal_columns ?? []);
      if (!plan) {
        result.leftOut.push(entry.id);
        continue;
      }
      await writePublicDataset(conn, dir, path.join(outDir, entry.id), plan);
      entries.push({ id: entry.id, name: entry.name, year: entry.year, projects: entry.projects });
      result.written.push(entry.id);
    }
  } finally {
    conn.closeSync();
  }
  await writeFile(path.join(outDir, 'index.json'), JSON.stringify(entries, null, 2) + '\n');
  return result;
}
