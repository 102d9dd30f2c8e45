import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--out naming an empty folder made for the dataset beforehand',
  build({ dir, out }) {
    mkdirSync(out);
    return { args: [annexFile(dir)] };
  },
  code: 0,
  message: [/Projects: 4 imported of 4 rows/],
  after({ out }) {
    for (const f of ['meta.json', 'projects.parquet', 'points.arrow', 'ingest-report.json'])
      expect(existsSync(path.join(out, f))).toBe(true);
  }
} satisfies CatalogueEntry;
