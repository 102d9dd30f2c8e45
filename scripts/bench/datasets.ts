/** Benchmark datasets: generated once into a git-ignored folder (npm run data -- --projects N). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function datasetId(projects: number): string {
  return `bench-${projects}`;
}

/** Generates bench-<N> under `dir` unless it is there already. */
export function ensureDataset(dir: string, projects: number, log: (s: string) => void): string {
  const out = path.join(dir, datasetId(projects));
  if (existsSync(path.join(out, 'meta.json')) && existsSync(path.join(out, 'projects.parquet'))) return out;
  log(`generating ${datasetId(projects)} …`);
  const r = spawnSync('npx', ['tsx', 'scripts/generate/cli.ts', '--projects', String(projects), '--out', dir, '--no-index'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`generating ${datasetId(projects)} failed (exit ${r.status})`);
  return out;
}

/** Bytes of each file of a dataset folder. */
export function datasetFiles(dir: string): Record<string, number> {
  return Object.fromEntries(readdirSync(dir).filter((f) => !f.startsWith('.')).map((f) => [f, statSync(path.join(dir, f)).size]));
}
