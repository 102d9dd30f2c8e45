import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a 总投资 number cell of 90071992547409.91 万元: a spreadsheet number cannot hold every cent of it',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '计划.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '跨江通道', '续建', '基础设施', '城中区', 90071992547409.91, 100]
        ]
      }
    ]);
    return { args: [file, '--check'] };
  },
  code: 0,
  message: [
    /计划\.xlsx, sheet "计划", row 2, column F \(总投资\): number cell 90071992547409\.9 is too large for a spreadsheet number to hold every cent .*type the amount as text/
  ]
} satisfies CatalogueEntry;
