import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--report naming a file inside the output folder, which the write would replace',
  build({ dir, out }) {
    return { args: [annexFile(dir), '--report', path.join(out, 'report.json')] };
  },
  code: 2,
  message: [/report\.json \(--report\) is inside the output folder/],
  after({ out }) {
    expect(existsSync(path.join(out, 'report.json'))).toBe(false);
  }
} satisfies CatalogueEntry;
