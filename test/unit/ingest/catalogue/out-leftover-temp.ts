import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, deadPid } from '../output-fixtures.ts';

let leftover: string;

export default {
  input: 'the half-written temporary folder of an ingest killed while writing (.out.tmp-<pid>-<ms>)',
  build({ dir }) {
    leftover = path.join(dir, `.out.tmp-${deadPid()}-1796440093143`);
    mkdirSync(leftover);
    writeFileSync(path.join(leftover, 'projects.parquet'), 'PAR1');
    return { args: [annexFile(dir)] };
  },
  code: 0,
  message: [/warning: removed what a run that did not finish left in .*: \.out\.tmp-\d+-1796440093143/],
  after({ out }) {
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(path.join(out, 'meta.json'))).toBe(true);
  }
} satisfies CatalogueEntry;
