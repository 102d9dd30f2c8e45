import { lstatSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, datasetAt, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: '--out naming a symbolic link to a dataset folder kept on another disk',
  async build({ dir, out, districts }) {
    const real = path.join(dir, 'disk2', 'e');
    await datasetAt(real, districts);
    symlinkSync(real, out);
    before = snapshot(real);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [
    /out is a symbolic link \(to .*disk2\/e\): a dataset write replaces the folder itself, so it would replace the link; name the folder it points to, or a new folder/
  ],
  written: true,
  after({ dir, out }) {
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(snapshot(path.join(dir, 'disk2', 'e'))).toEqual(before);
  }
} satisfies CatalogueEntry;
