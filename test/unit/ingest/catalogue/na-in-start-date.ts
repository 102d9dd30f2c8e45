import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { EXCEL_ERROR, setCells } from '../awkward-inputs.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a plan whose 计划开工时间 is a lookup formula that found nothing (#N/A), read as no date before',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '鱼峰区.xlsx'), [
      {
        name: '附表1',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资', '计划开工时间'],
          ['P1', '滨江大道', '续建', '基础设施', '鱼峰区', 100, 50, '2022.03']
        ]
      }
    ]);
    setCells(file, '附表1', { H2: { t: 'e', v: EXCEL_ERROR['#N/A'] } });
    return { args: [file] };
  },
  code: 1,
  message: [/鱼峰区\.xlsx, sheet "附表1", row 2, column H \(计划开工时间\): formula error #N\/A \(a lookup in the formula found nothing\)/]
} satisfies CatalogueEntry;
