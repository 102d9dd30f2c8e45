import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, datasetAt, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: 'an existing dataset whose monthly.parquet was cut short (copied from a full USB stick)',
  async build({ dir, out, districts }) {
    await datasetAt(out, districts);
    writeFileSync(path.join(out, 'monthly.parquet'), 'PAR1');
    before = snapshot(out);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /monthly\.parquet: the existing dataset's file cannot be read \(.+\): restore it, or move the dataset folder away to start afresh/
  ],
  written: true,
  after({ out }) {
    expect(snapshot(out)).toEqual(before);
  }
} satisfies CatalogueEntry;
