import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: '总投资 typed with four extra zeros: 1 followed by 16 zeros 万元, beyond what DECIMAL(18,2) holds',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '融水县.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '融水县', 100, 50],
          ['P2', '县医院迁建', '续建', '民生保障', '融水县', '10000000000000000', 50]
        ]
      }
    ]);
    return { args: [file] };
  },
  code: 1,
  message: [
    /融水县\.xlsx, sheet "计划", row 3, column F \(总投资\): amount out of range: 总投资 is 10000000000000000\.00 万元, beyond the 9999999999999999\.99 万元 the dataset holds \(DECIMAL\(18,2\)\): check the digits and the unit/
  ]
} satisfies CatalogueEntry;
