import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, datasetAt, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: '--out naming the folder of all datasets (static/data) instead of one dataset in it',
  async build({ dir, out, districts }) {
    await datasetAt(path.join(out, 'liuzhou-2022'), districts);
    writeFileSync(path.join(out, 'index.json'), '[]\n');
    before = snapshot(out);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [/out is not a dataset folder \(no meta\.json\) and holds 2 entries \(index\.json, liuzhou-2022\)/],
  written: true,
  after({ out }) {
    expect(snapshot(out)).toEqual(before);
  }
} satisfies CatalogueEntry;
