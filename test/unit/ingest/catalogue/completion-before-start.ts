import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a project to be completed (2021年12月) before it starts (2022年3月)',
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '柳南区.xlsx'), [
      {
        name: '附表1',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资', '计划开工时间', '计划竣工时间'],
          ['P1', '柳南区智能制造产业园', '新开工', '产业发展', '柳南区', 500, 100, '2022年3月', '2021年12月']
        ]
      }
    ]);
    return { args: [file] };
  },
  code: 1,
  message: [
    /柳南区\.xlsx, sheet "附表1", row 2, column I \(计划竣工时间\): completion before start: 计划竣工时间 2021-12-31 is before 计划开工时间 2022-03-01: check both dates/
  ]
} satisfies CatalogueEntry;
