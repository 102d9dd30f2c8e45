import { existsSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: 'a file named like the lock (<out>.lock) that does not say who holds it',
  build({ dir, out }) {
    writeFileSync(`${out}.lock`, 'locked by 王伟, do not touch\n');
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /out\.lock exists but does not say which run holds it: if no ingest or data generator is writing .*out, remove .*out\.lock and run again/
  ],
  after({ out }) {
    expect(existsSync(`${out}.lock`)).toBe(true);
  }
} satisfies CatalogueEntry;
