import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile, snapshot } from '../output-fixtures.ts';

let before: Record<string, string>;

export default {
  input: '--out naming a folder of source code (as --out src would)',
  build({ dir, out }) {
    mkdirSync(path.join(out, 'lib'), { recursive: true });
    writeFileSync(path.join(out, 'app.html'), '<!doctype html>');
    writeFileSync(path.join(out, 'app.css'), 'body {}');
    writeFileSync(path.join(out, 'lib', 'schema.ts'), 'export {};');
    before = snapshot(out);
    return { args: [annexFile(dir)] };
  },
  code: 2,
  message: [/out is not a dataset folder \(no meta\.json\) and holds 3 entries \(app\.css, app\.html, lib\)/],
  written: true,
  after({ out }) {
    expect(snapshot(out)).toEqual(before);
  }
} satisfies CatalogueEntry;
