import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';

export default {
  input: 'a CSV in UTF-16 LE saved without a byte-order mark',
  build({ dir }) {
    const file = path.join(dir, '月报.csv');
    writeFileSync(file, Buffer.from('项目名称,总投资,2022年计划投资,县区\r\nA,100,50,城中区\r\n', 'utf16le'));
    return { args: [file] };
  },
  code: 2,
  message: [/月报\.csv: .*UTF-16 saved without a byte-order mark; pass --encoding utf-16le/, /Nothing was written/]
} satisfies CatalogueEntry;
