import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeCsv } from '../fixtures.ts';

export default {
  input: 'a CSV exported from a workbook whose 年度计划投资 formula lost its source (#REF!)',
  build({ dir }) {
    const file = writeCsv(
      path.join(dir, '柳南区.csv'),
      [
        ['项目名称', '阶段', '行业', '县区', '总投资', '2022年计划投资'],
        ['滨江公园', '续建', '生态环保', '柳南区', '1200', '#REF!']
      ],
      'utf-8'
    );
    return { args: [file] };
  },
  code: 1,
  message: [
    /柳南区\.csv, sheet "Sheet1", row 2, column F \(2022年计划投资\): formula error #REF! \(the formula refers to a cell that was deleted\)/
  ]
} satisfies CatalogueEntry;
