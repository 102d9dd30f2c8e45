/** static/data/index.json: every dataset directory present (with a meta.json), demo ones first. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetIndexEntry, DatasetMeta } from '../../src/lib/schema.ts';
import { openDuckDB } from '../lib/dataset-writer.ts';
import { DEMO_DATASETS } from './datasets/index.ts';

/** Counts rows from the Parquet footer (no full read). */
async function countProjects(file: string): Promise<number> {
  const conn = await openDuckDB();
  try {
    const r = await conn.runAndReadAll(`SELECT count(*) FROM read_parquet('${file.replaceAll("'", "''")}')`);
    return Number(r.getRows()[0][0]);
  } finally {
    conn.closeSync();
  }
}

export async function writeIndex(dataDir: string): Promise<DatasetIndexEntry[]> {
  const entries: DatasetIndexEntry[] = [];
  if (!existsSync(dataDir)) return entries;
  for (const name of readdirSync(dataDir).sort()) {
    if (name.startsWith('.')) continue;
    const metaFile = path.join(dataDir, name, 'meta.json');
    if (!existsSync(metaFile)) continue;
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as DatasetMeta;
    const projectsFile = path.join(dataDir, name, 'projects.parquet');
    const projects = existsSync(projectsFile) ? await countProjects(projectsFile) : 0;
    entries.push({ id: meta.id, name: meta.name, year: meta.year, projects });
  }
  // Demo datasets first in their own order, then anything else (benchmarks, fixtures) by id.
  const rank = (id: string) => {
    const i = DEMO_DATASETS.findIndex((d) => d.id === id);
    return i < 0 ? DEMO_DATASETS.length : i;
  };
  entries.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  const file = path.join(dataDir, 'index.json');
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(entries, null, 2) + '\n');
  await rename(tmp, file);
  return entries;
}
