import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: '--out naming the folder that holds the clerk’s own files (as --out ~ would)',
  build({ dir, districts }) {
    const annex = annexFile(dir);
    before = snapshot(dir);
    return { bare: true, args: [annex, '--dataset', 'e', '--out', dir, '--districts', districts] };
  },
  code: 2,
  message: [
    /is not a dataset folder \(no meta\.json\) and holds 2 entries \(districts\.geojson, 附表1\.xlsx\): writing the dataset there would delete them; choose a new or empty folder, or an existing dataset's folder/
  ],
  after({ dir }) {
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(`${path.resolve(dir)}.lock`)).toBe(false);
  }
} satisfies CatalogueEntry;
