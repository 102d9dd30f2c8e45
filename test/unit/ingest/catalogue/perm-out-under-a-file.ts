import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--out inside what is a file, not a folder (ENOTDIR)',
  build({ dir, districts }) {
    const file = path.join(dir, 'data');
    writeFileSync(file, '');
    return { bare: true, args: [annexFile(dir), '--dataset', 'e', '--out', path.join(file, 'e'), '--districts', districts] };
  },
  code: 2,
  message: [/cannot write the output folder .*data\/e: .*data is a file, not a folder; check the path/, /Nothing was written/]
} satisfies CatalogueEntry;
