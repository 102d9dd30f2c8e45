import { existsSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, deadPid, writeLock } from '../output-fixtures.ts';

export default {
  input: 'a stale lock with the guard of a take-over that was itself killed (<out>.lock.takeover)',
  build({ dir, out }) {
    const lock = writeLock(out, { pid: deadPid() });
    writeFileSync(`${lock}.takeover`, '{}');
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /another run is taking over the stale lock .*out\.lock right now; run again in a moment or, if none is running, remove .*out\.lock\.takeover/
  ],
  after({ out }) {
    expect(existsSync(`${out}.lock`)).toBe(true);
  }
} satisfies CatalogueEntry;
