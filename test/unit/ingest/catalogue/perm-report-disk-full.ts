import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--report to a disk that is full (ENOSPC, as /dev/full always is)',
  build({ dir }) {
    return { args: [annexFile(dir), '--report', '/dev/full'] };
  },
  code: 2,
  message: [
    /cannot write the report \/dev\/full: the disk is full; free some space, or choose a folder on another disk/,
    /Nothing was written/
  ]
} satisfies CatalogueEntry;
