import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: '--out naming a folder whose meta.json is not JSON',
  build({ dir, out }) {
    mkdirSync(out);
    writeFileSync(path.join(out, 'meta.json'), 'id: e\n');
    before = snapshot(out);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /out is not a dataset folder \(its meta\.json is not JSON\) and holds 1 entry \(meta\.json\): writing the dataset there would delete it/
  ],
  written: true,
  after({ out }) {
    expect(snapshot(out)).toEqual(before);
  }
} satisfies CatalogueEntry;
