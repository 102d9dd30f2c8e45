import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexFile } from '../output-fixtures.ts';

export default {
  input: '--districts naming a boundaries file that does not exist',
  build({ dir, out }) {
    return { bare: true, args: [annexFile(dir), '--dataset', 'e', '--out', out, '--districts', path.join(dir, 'liuzhou.geojson')] };
  },
  code: 2,
  message: [/cannot read district boundaries .*liuzhou\.geojson: it does not exist; check the path and its spelling/]
} satisfies CatalogueEntry;
