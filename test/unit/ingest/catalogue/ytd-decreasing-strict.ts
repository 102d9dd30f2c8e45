import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: '--strict, and a return whose cumulative completed falls from 90 万元 (January) to 60 (February)',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '2月.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '城中区', 1000, 500]
        ]
      },
      {
        name: '月报',
        rows: [
          ['项目编号', '月份', '累计完成投资'],
          ['P1', '2022年1月', 90],
          ['P1', '2022年2月', 60]
        ]
      }
    ]);
    return { args: [file, '--strict'] };
  },
  code: 1,
  message: [
    /Error: --strict: the 1 warning below count as errors/,
    /2月\.xlsx, sheet "月报", row 3, column C \(累计完成投资\): 累计完成 60\.00 is below 2022-01's 90\.00 万元: a statistical revision, or a typo\? 本月完成 is taken as 0/
  ]
} satisfies CatalogueEntry;
