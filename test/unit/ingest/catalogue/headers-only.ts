import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a plan sheet with its title and headers but no project below them (the blank template sent back)',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '模板.xlsx'), [
      {
        name: '项目计划',
        rows: [['2022年重大项目计划表'], ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资']]
      }
    ]);
    return { args: [file] };
  },
  code: 1,
  message: [
    /FAILED \(nothing written\)/,
    /Error: no project rows: the plan sheets hold headers but no project below them \(模板\.xlsx sheet "项目计划"\)/
  ]
} satisfies CatalogueEntry;
