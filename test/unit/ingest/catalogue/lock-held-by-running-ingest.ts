import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, writeLock } from '../output-fixtures.ts';

let lock: string;

export default {
  input: 'a second ingest into a dataset another ingest (still running) is writing',
  build({ dir, out }) {
    lock = writeLock(out);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    new RegExp(
      `another ingest \\(pid ${process.pid}, started at 2026-12-05 09:30:00\\) is writing .*out; wait for it to finish or, if it is no longer running, remove .*out\\.lock and run again`
    ),
    /Nothing was written/
  ],
  after() {
    expect(existsSync(lock)).toBe(true);
    expect(JSON.parse(readFileSync(lock, 'utf8')).pid).toBe(process.pid);
  }
} satisfies CatalogueEntry;
