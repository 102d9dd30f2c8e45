import path from 'node:path';
import { statSync } from 'node:fs';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { declareDimension, declaredDimension } from '../awkward-inputs.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a 9 KB .xlsx whose sheet declares the dimension A1:XFD1048576 (every cell of the sheet) for two rows',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '计划.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
          ['P1', '滨江大道', '续建', '基础设施', '城中区', 100, 50]
        ]
      }
    ]);
    declareDimension(file, 'A1:XFD1048576');
    expect(declaredDimension(file)).toBe('A1:XFD1048576');
    expect(statSync(file).size).toBeLessThan(20_000);
    return { args: [file, '--check'] };
  },
  code: 0,
  message: [/sheet "计划": plan, header at row 1, unit 万元, 1 rows, 1 imported/]
} satisfies CatalogueEntry;
