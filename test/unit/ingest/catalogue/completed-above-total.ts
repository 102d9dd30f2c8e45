import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input:
    'a monthly return whose cumulative completed (1,200 万元) plus the investment before this year (300) is above the total investment (1,000): a warning',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '6月.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '截至上年底累计完成投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '城中区', 1000, 300, 700]
        ]
      },
      {
        name: '月报',
        rows: [
          ['项目编号', '月份', '本月完成投资', '累计完成投资'],
          ['P1', '2022年6月', 100, 1200]
        ]
      }
    ]);
    return { args: [file, '--check'] };
  },
  code: 0,
  message: [
    /6月\.xlsx, sheet "月报", row 2, column D \(累计完成投资\): 累计完成 1200\.00 \+ invested before 300\.00 is above 总投资 1000\.00 万元: an overrun, or a typo\?/
  ]
} satisfies CatalogueEntry;
