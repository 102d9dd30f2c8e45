import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, datasetAt } from '../output-fixtures.ts';

export default {
  input: 'the input spreadsheet saved inside the dataset folder it is ingested into',
  async build({ dir, out, districts }) {
    await datasetAt(out, districts);
    const inside = path.join(out, '附表1-四月.xlsx');
    copyFileSync(annexFile(dir), inside);
    return { args: [inside] };
  },
  code: 2,
  message: [
    /附表1-四月\.xlsx \(an input\) is inside the output folder .*out, which a dataset write replaces as a whole, so it would be deleted; move it out of .*out first/
  ],
  written: true,
  after({ out }) {
    expect(existsSync(path.join(out, '附表1-四月.xlsx'))).toBe(true);
  }
} satisfies CatalogueEntry;
