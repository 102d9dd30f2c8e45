import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: "an annual plan of 8×10^13 万元: it fits DECIMAL(18,2) but overflowed the progress metrics' 64-bit cents in a raw DuckDB error",
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '计划.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '跨江通道', '续建', '基础设施', '城中区', '90000000000000', '80000000000000']
        ]
      }
    ]);
    return { args: [file] };
  },
  code: 1,
  message: [
    /计划\.xlsx, sheet "计划", row 2, column G \(2022年计划投资\): amount out of range: 2022年计划投资 is 80000000000000\.00 万元, beyond the 10000000000000\.00 万元 the progress metrics compute exactly/
  ]
} satisfies CatalogueEntry;
