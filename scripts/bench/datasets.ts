/** Benchmark datasets: generated once into a git-ignored folder (npm run data -- --projects N). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GENERATOR } from '../generate/build.ts';

export function datasetId(projects: number): string {
  return `bench-${projects}`;
}

/** The generator that made a dataset folder (meta.json), null when there is none. */
function madeBy(out: string): string | null {
  try {
    return JSON.parse(readFileSync(path.join(out, 'meta.json'), 'utf8')).generated?.generator ?? null;
  } catch {
    return null;
  }
}

/** Generates bench-<N> under `dir` unless this generator version made it already. */
export function ensureDataset(dir: string, projects: number, log: (s: string) => void): string {
  const out = path.join(dir, datasetId(projects));
  if (madeBy(out) === `${GENERATOR} bench` && existsSync(path.join(out, 'projects.parquet'))) return out;
  log(`generating ${datasetId(projects)} …`);
  const r = spawnSync('npx', ['tsx', 'scripts/generate/cli.ts', '--projects', String(projects), '--out', dir, '--no-index'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`generating ${datasetId(projects)} failed (exit ${r.status})`);
  return out;
}

/** Bytes of each file of a dataset folder. */
export function datasetFiles(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).filter((f) => !f.startsWith('.')).map((f) => [f, statSync(path.join(dir, f)).size]));
}

/** Rows of each table file of a dataset folder (Parquet footers, read with @duckdb/node-api). */
export async function parquetRows(dir: string): Promise<Record<string, number>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const out: Record<string, number> = {};
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.parquet'))) {
      const file = path.join(dir, f).replaceAll("'", "''");
      const rows = await (await conn.run(`SELECT sum(num_rows)::BIGINT AS n FROM parquet_file_metadata('${file}')`)).getRowObjectsJson();
      out[f.replace(/\.parquet$/, '')] = Number(rows[0].n);
    }
    return out;
  } finally {
    conn.closeSync();
  }
}
