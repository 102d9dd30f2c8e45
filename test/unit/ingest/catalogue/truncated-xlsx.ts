import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexSheet, writeWorkbook } from '../fixtures.ts';

export default {
  input: 'an .xlsx cut short in transfer (first 300 bytes of a real annex)',
  build({ dir }) {
    const good = writeWorkbook(path.join(dir, 'good.xlsx'), [annexSheet()]);
    const bad = path.join(dir, '附表1.xlsx');
    writeFileSync(bad, readFileSync(good).subarray(0, 300));
    return { args: [bad] };
  },
  code: 2,
  message: [/附表1\.xlsx: cannot read workbook: corrupt/, /Nothing was written/]
} satisfies CatalogueEntry;
