import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { EXCEL_ERROR, setCells } from '../awkward-inputs.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a plan whose 总投资 cell holds a formula that failed with #DIV/0!',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '城中区.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '城中区', 100, 50],
          ['P2', '第二水厂', '新开工', '基础设施', '城中区', 0, 50]
        ]
      }
    ]);
    setCells(file, '计划', { F3: { t: 'e', v: EXCEL_ERROR['#DIV/0!'] } });
    return { args: [file] };
  },
  code: 1,
  message: [
    /城中区\.xlsx, sheet "计划", row 3, column F \(总投资\): formula error #DIV\/0! \(the formula divides by zero\): fix the formula in the return, or type the value/
  ],
  after(_setup, printed) {
    if (/总投资 is empty/.test(printed)) throw new Error('a formula error was also reported as an empty cell');
  }
} satisfies CatalogueEntry;
