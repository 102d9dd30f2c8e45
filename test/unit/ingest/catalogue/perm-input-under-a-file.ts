import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: 'an input path that goes through a file as if it were a folder (ENOTDIR)',
  build({ dir }) {
    return { args: [path.join(annexFile(dir), '附表2.xlsx')] };
  },
  code: 2,
  message: [/附表2\.xlsx: cannot read file: .*附表1\.xlsx is a file, not a folder; check the path/]
} satisfies CatalogueEntry;
