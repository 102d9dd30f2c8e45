import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';

export default {
  input: 'an input that is a folder of spreadsheets, not a spreadsheet (EISDIR)',
  build({ dir }) {
    const folder = path.join(dir, '四月报表');
    mkdirSync(folder);
    return { args: [folder] };
  },
  code: 2,
  message: [/四月报表: cannot read file: it is a folder, not a file; name a file inside it/, /Nothing was written/]
} satisfies CatalogueEntry;
