import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, deadPid, writeLock } from '../output-fixtures.ts';

let lock: string;
let pid: number;

export default {
  input: 'the lock of an ingest that was killed (its process no longer runs on this machine)',
  build({ dir, out }) {
    pid = deadPid();
    lock = writeLock(out, { pid });
    return { args: [annexFile(dir)] };
  },
  code: 0,
  message: [/warning: took over .*out\.lock: the ingest that held it \(pid \d+, started at 2026-12-05 09:30:00\) is no longer running/],
  after(_, printed) {
    expect(printed).toContain(`pid ${pid}`);
    expect(existsSync(lock)).toBe(false);
  }
} satisfies CatalogueEntry;
