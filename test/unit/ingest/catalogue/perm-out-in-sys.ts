import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

// Linux's /sys takes no new files, not even from root (EACCES, EPERM, or EROFS where it is mounted read-only).
const OUT = '/sys/kernel/command-map-ingest';

export default {
  input: '--out in a folder where no one may create files (/sys), even as root',
  build({ dir, districts }) {
    return { bare: true, args: [annexFile(dir), '--dataset', 'e', '--out', OUT, '--districts', districts] };
  },
  code: 2,
  message: [
    /cannot create the lock file \/sys\/kernel\/command-map-ingest\.lock: (permission denied|the operation is not permitted|the disk is read-only); choose a/,
    /Nothing was written/
  ],
  after() {
    expect(existsSync(OUT)).toBe(false);
  }
} satisfies CatalogueEntry;
