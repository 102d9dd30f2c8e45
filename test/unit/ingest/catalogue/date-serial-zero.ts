import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { setCells } from '../awkward-inputs.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a 计划开工时间 date cell holding the Excel serial 0 (a blank date formula)',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '城中区.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资', '计划开工时间'],
          ['P1', '滨江大道', '续建', '基础设施', '城中区', 100, 50, { date: '2022-03-01' }]
        ]
      }
    ]);
    setCells(file, '计划', { H2: { t: 'n', v: 0, z: 'yyyy-mm-dd' } });
    return { args: [file] };
  },
  code: 1,
  message: [
    /城中区\.xlsx, sheet "计划", row 2, column H \(计划开工时间\): date serial not a date: Excel date serial 0 is not a date \(day 1 is 1900-01-01; 0 or less is what an empty or subtracted date cell shows\): type the date/
  ]
} satisfies CatalogueEntry;
