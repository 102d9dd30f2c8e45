import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--report naming a folder (EISDIR)',
  build({ dir }) {
    return { args: [annexFile(dir), '--report', dir] };
  },
  code: 2,
  message: [/cannot write the report .*: it is a folder, not a file; name a file, not a folder/]
} satisfies CatalogueEntry;
