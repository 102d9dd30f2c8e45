import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: "a monthly return for 2021-12 (last year's December) in a 2022 plan",
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '鱼峰区.xlsx'), [
      {
        name: '计划',
        rows: [
          ['柳州市2022年重大项目计划表'],
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '年度计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '鱼峰区', 1000, 500]
        ]
      },
      {
        name: '12月',
        rows: [
          ['项目编号', '月份', '累计完成投资'],
          ['P1', '2021-12', 480]
        ]
      }
    ]);
    return { args: [file] };
  },
  code: 1,
  message: [/鱼峰区\.xlsx, sheet "12月", row 2, column B \(月份\): month outside the plan's years: 2021-12 is outside the plan's year 2022/]
} satisfies CatalogueEntry;
