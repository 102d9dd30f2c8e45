import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeCsv } from '../fixtures.ts';

export default {
  input: 'a CSV saved as UTF-16 BE with a byte-order mark (Excel "Unicode text", some WPS exports)',
  build({ dir }) {
    const file = writeCsv(
      path.join(dir, '县区上报.csv'),
      [
        ['项目名称', '阶段', '行业', '县区', '总投资', '2022年计划投资'],
        ['滨江公园', '续建', '生态环保', '城中区', '1,200.50', '300'],
        ['第二中学', '新开工', '民生保障', '鱼峰区', '800', '200']
      ],
      'utf-16be-bom'
    );
    return { args: [file, '--check'] };
  },
  code: 0,
  message: [/县区上报\.csv \(csv\)/, /2 rows, 2 imported/]
} satisfies CatalogueEntry;
