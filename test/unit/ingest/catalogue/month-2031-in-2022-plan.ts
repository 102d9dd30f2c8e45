import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

/** A 2022 plan and a March return in which one clerk typed 2031年1月 for 2022年1月. */
export function plan2022WithTypo(dir: string): string {
  return writeWorkbook(path.join(dir, '城中区3月.xlsx'), [
    {
      name: '计划',
      rows: [
        ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
        ['P1', '滨江大道', '续建', '基础设施', '城中区', 1000, 500],
        ['P2', '第二水厂', '新开工', '基础设施', '城中区', 800, 300]
      ]
    },
    {
      name: '月报',
      rows: [
        ['项目编号', '月份', '本月完成投资', '累计完成投资'],
        ['P1', '2022年3月', 30, 90],
        ['P2', '2031年1月', 10, 10]
      ]
    }
  ]);
}

export default {
  input: 'a monthly return dated 2031年1月 (a typo) in a 2022 plan',
  build: ({ dir }) => ({ args: [plan2022WithTypo(dir)] }),
  code: 1,
  message: [
    /城中区3月\.xlsx, sheet "月报", row 3, column B \(月份\): month outside the plan's years: 2031-01 is outside the plan's year 2022: a return must be for a month from 2022-01 to 2022-12/
  ]
} satisfies CatalogueEntry;
