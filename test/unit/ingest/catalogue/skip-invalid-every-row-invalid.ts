import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: '--skip-invalid on a plan whose every row is invalid (a district list from another city)',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '计划.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '南明区', 100, 50],
          ['P2', '第二水厂', '新开工', '基础设施', '云岩区', 200, 50]
        ]
      }
    ]);
    return { args: [file, '--skip-invalid'] };
  },
  code: 1,
  message: [
    /计划\.xlsx, sheet "计划", row 2, column E \(县区\): unknown district/,
    /计划\.xlsx, sheet "计划", row 3, column E \(县区\): unknown district/,
    /Error: no project can be imported: all 2 project rows are invalid \(listed above\)/
  ]
} satisfies CatalogueEntry;
