import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a wide return (one column per month) whose third column is headed 2031年3月 in a 2022 plan',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '完成投资.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '柳南区', 1000, 500]
        ]
      },
      {
        name: '完成投资',
        rows: [
          ['项目名称', '2022年1月', '2022年2月', '2031年3月'],
          ['滨江大道', 10, 20, 30]
        ]
      }
    ]);
    return { args: [file] };
  },
  code: 1,
  message: [
    /完成投资\.xlsx, sheet "完成投资", row 2, column D \(2031年3月\): month outside the plan's years: 2031-03 is outside the plan's year 2022/
  ]
} satisfies CatalogueEntry;
