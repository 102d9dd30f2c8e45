import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, writeLock } from '../output-fixtures.ts';

let lock: string;

export default {
  input: 'the lock of an ingest on another machine writing the same shared folder',
  build({ dir, out }) {
    lock = writeLock(out, { pid: 4242, host: 'zwfw-ingest-02' });
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /another ingest \(pid 4242 on host zwfw-ingest-02, started at 2026-12-05 09:30:00\) is writing .*out; wait for it to finish or, if it is no longer running, remove .*out\.lock/
  ],
  after() {
    expect(existsSync(lock)).toBe(true);
  }
} satisfies CatalogueEntry;
