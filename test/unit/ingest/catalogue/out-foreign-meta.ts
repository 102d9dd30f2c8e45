import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: '--out naming a folder whose meta.json belongs to something else (no dataset id)',
  build({ dir, out }) {
    mkdirSync(out);
    writeFileSync(path.join(out, 'meta.json'), JSON.stringify({ name: '照片', camera: 'DJI' }));
    writeFileSync(path.join(out, 'DJI_0001.jpg'), 'jpeg');
    before = snapshot(out);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [/out is not a dataset folder \(its meta\.json names no dataset id\) and holds 2 entries/],
  written: true,
  after({ out }) {
    expect(snapshot(out)).toEqual(before);
  }
} satisfies CatalogueEntry;
