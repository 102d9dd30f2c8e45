import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--out naming an existing file (last month’s notes), which the ingest used to delete',
  build({ dir, out }) {
    writeFileSync(out, '三月调度会纪要\n');
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /out exists and is a file, not a dataset folder: writing the dataset there would delete it; choose a new folder, or move the file away/
  ],
  written: true,
  after({ out }) {
    expect(readFileSync(out, 'utf8')).toBe('三月调度会纪要\n');
  }
} satisfies CatalogueEntry;
