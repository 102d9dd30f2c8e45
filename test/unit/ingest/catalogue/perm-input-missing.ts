import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';

export default {
  input: 'an input file that does not exist (a typo in its name)',
  build({ dir }) {
    return { args: [path.join(dir, '附表l.xlsx')] };
  },
  code: 2,
  message: [/附表l\.xlsx: cannot read file: it does not exist; check the path and its spelling/]
} satisfies CatalogueEntry;
