import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { EXCEL_ERROR, setCells } from '../awkward-inputs.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a monthly return whose 累计完成投资 formula failed with #VALUE! (text added to a number)',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '3月月报.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '城中区', 100, 50]
        ]
      },
      {
        name: '月报',
        rows: [
          ['项目编号', '月份', '本月完成投资', '累计完成投资'],
          ['P1', '2022年3月', 5, 12]
        ]
      }
    ]);
    setCells(file, '月报', { C2: { t: 'e', v: EXCEL_ERROR['#VALUE!'] }, D2: { t: 'e', v: EXCEL_ERROR['#VALUE!'] } });
    return { args: [file] };
  },
  code: 1,
  message: [
    /3月月报\.xlsx, sheet "月报", row 2, column C \(本月完成投资\): formula error #VALUE!/,
    /3月月报\.xlsx, sheet "月报", row 2, column D \(累计完成投资\): formula error #VALUE! \(the formula got text where it needs a number\): fix the formula in the return/
  ],
  after(_setup, printed) {
    if (/no completed investment/.test(printed)) throw new Error('a formula error was also reported as a missing amount');
  }
} satisfies CatalogueEntry;
