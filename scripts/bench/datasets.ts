/** Benchmark datasets: generated once into a git-ignored folder (npm run data -- --projects N). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseMonth } from '../../src/lib/metrics/month.ts';
import { factsFile, TABLES, type DatasetMeta } from '../../src/lib/schema.ts';
import { GENERATOR } from '../generate/build.ts';

export function datasetId(projects: number): string {
  return `bench-${projects}`;
}

function readMeta(dir: string): DatasetMeta | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta;
  } catch {
    return null;
  }
}

/**
 * The month the bench page opens (no month in its URL: the dataset's as-of month) and that
 * month's facts file, relative to the dataset folder; null when meta.json lists none for it.
 */
export function asOfFacts(meta: DatasetMeta): { month: string; file: string } | null {
  const month = parseMonth(meta.as_of)?.key;
  if (!month || !meta.facts_months?.includes(month)) return null;
  return { month, file: factsFile(month) };
}

/** Generates bench-<N> under `dir` unless this generator version made it already, with its facts files. */
export function ensureDataset(dir: string, projects: number, log: (s: string) => void): string {
  const out = path.join(dir, datasetId(projects));
  const meta = readMeta(out);
  const facts = meta && asOfFacts(meta);
  if (meta?.generated?.generator === `${GENERATOR} bench` && facts && existsSync(path.join(out, facts.file))) return out;
  log(`generating ${datasetId(projects)} …`);
  const r = spawnSync('npx', ['tsx', 'scripts/generate/cli.ts', '--projects', String(projects), '--out', dir, '--no-index'], {
    stdio: 'inherit'
  });
  if (r.status !== 0) throw new Error(`generating ${datasetId(projects)} failed (exit ${r.status})`);
  return out;
}

/** Bytes of each file of a dataset folder, by its path in the folder ('facts/2026-11.parquet'). */
export function datasetFiles(dir: string, sub = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of readdirSync(path.join(dir, sub)).filter((f) => !f.startsWith('.'))) {
    const rel = sub ? `${sub}/${f}` : f;
    const st = statSync(path.join(dir, rel));
    if (st.isDirectory()) Object.assign(out, datasetFiles(dir, rel));
    else out[rel] = st.size;
  }
  return out;
}

export interface DatasetRows {
  /** The month the bench page opens: the dataset's as-of month, 'YYYY-MM'. */
  month: string;
  /** Its facts file, relative to the dataset folder (`factsFile(month)`). */
  file: string;
  /** Rows of that facts file: what the month's facts table in DuckDB must hold after the load. */
  facts: number;
  /** Rows of the source files (projects, monthly, problems), for information: the page never loads them whole. */
  sources: Record<string, number>;
}

/** Rows of the as-of month's facts file and of the source files (Parquet footers, read with @duckdb/node-api). */
export async function parquetRows(dir: string): Promise<DatasetRows> {
  const meta = readMeta(dir);
  if (!meta) throw new Error(`${dir}: no readable meta.json`);
  const facts = asOfFacts(meta);
  if (!facts)
    throw new Error(
      `${dir}: meta.json lists no facts file for the as-of month ${meta.as_of} (facts_months: ${JSON.stringify(meta.facts_months ?? null)})`
    );
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const rows = async (rel: string) => {
    const file = path.join(dir, rel).replaceAll("'", "''");
    const r = await (await conn.run(`SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata('${file}')`)).getRowObjectsJson();
    return Number(r[0].n);
  };
  try {
    const sources: Record<string, number> = {};
    for (const [table, { file }] of Object.entries(TABLES)) if (existsSync(path.join(dir, file))) sources[table] = await rows(file);
    return { month: facts.month, file: facts.file, facts: await rows(facts.file), sources };
  } finally {
    conn.closeSync();
  }
}
