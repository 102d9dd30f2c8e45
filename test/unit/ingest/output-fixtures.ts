/** Fixtures for the output's safety: an annex, an existing dataset, a folder's snapshot. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runIngest } from '../../../scripts/ingest/ingest.ts';
import { annexSheet, tempDir, writeWorkbook } from './fixtures.ts';

/** The Liuzhou annex (four projects) as `<dir>/附表1.xlsx`. */
export function annexFile(dir: string): string {
  return writeWorkbook(path.join(dir, '附表1.xlsx'), [annexSheet()]);
}

/** A complete dataset at `out`, ingested from the annex (written to a folder of its own). */
export async function datasetAt(out: string, districts: string): Promise<void> {
  const r = await runIngest({ files: [annexFile(tempDir('annex-'))], dataset: 'e', out, districts });
  if (!r.written) throw new Error(`fixture dataset not written: ${r.summary}`);
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
