/** Fixtures for the output's safety: an annex, an existing dataset, lock files, a dead process, a folder's snapshot. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runIngest } from '../../../scripts/ingest/ingest.ts';
import { lockFileOf, type LockOwner } from '../../../scripts/lib/dataset-lock.ts';
import { annexSheet, tempDir, writeWorkbook } from './fixtures.ts';

/** The Liuzhou annex (four projects) as `<dir>/附表1.xlsx`. */
export function annexFile(dir: string): string {
  return writeWorkbook(path.join(dir, '附表1.xlsx'), [annexSheet()]);
}

/** A complete dataset at `out`, ingested from the annex (written to a folder of its own). */
export async function datasetAt(out: string, districts: string): Promise<void> {
  const r = await runIngest({ files: [annexFile(tempDir('annex-'))], dataset: 'e', out, districts, warn: () => {} });
  if (!r.written) throw new Error(`fixture dataset not written: ${r.summary}`);
}

/** The id of a process that has ended (ids are not reused this soon). */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  if (!r.pid) throw new Error('could not start a process');
  return r.pid;
}

/** Writes `<out>.lock` as a run holding it would; the owner defaults to this (running) process. */
export function writeLock(out: string, owner: Partial<LockOwner> = {}): string {
  const file = lockFileOf(out);
  const full: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    started: '2026-12-05T01:30:00.000Z',
    tool: 'ingest',
    command: 'npm run ingest -- 附表1.xlsx --dataset e',
    ...owner
  };
  writeFileSync(file, JSON.stringify(full, null, 2) + '\n');
  return file;
}

/** Every file under `dir` (relative path → bytes as base64), to show a folder was left as it was. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}
