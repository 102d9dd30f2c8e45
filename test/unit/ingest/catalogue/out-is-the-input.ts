import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

let before: Buffer;

export default {
  input: '--out naming the input spreadsheet itself',
  build({ dir, districts }) {
    const annex = annexFile(dir);
    before = readFileSync(annex);
    return { bare: true, args: [annex, '--dataset', 'e', '--out', annex, '--districts', districts] };
  },
  code: 2,
  message: [/附表1\.xlsx exists and is a file, not a dataset folder/, /Nothing was written/],
  after({ dir }) {
    expect(readFileSync(`${dir}/附表1.xlsx`).equals(before)).toBe(true);
  }
} satisfies CatalogueEntry;
