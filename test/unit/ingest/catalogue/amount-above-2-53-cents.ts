import path from 'node:path';
import { expect } from 'vitest';
import { openDuckDB } from '../../../../scripts/lib/dataset-writer.ts';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input:
    "amounts just above 2^53 cents typed as text (总投资 90071992547409.93 万元, 中央预算内 90,071,992,547,409.91), where a JS number drops a cent; an annual plan at the metrics' limit",
  build({ dir }) {
    const file = writeWorkbook(path.join(dir, '大项目.xlsx'), [
      {
        name: '计划',
        rows: [
          ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资', '中央预算内'],
          ['P1', '跨江通道', '续建', '基础设施', '城中区', '90071992547409.93', '10000000000000', '90,071,992,547,409.91']
        ]
      }
    ]);
    return { args: [file] };
  },
  code: 0,
  message: [/1 rows, 1 imported/],
  async after({ out }) {
    const conn = await openDuckDB();
    try {
      const file = path.join(out, 'projects.parquet').replaceAll("'", "''");
      const reader = await conn.runAndReadAll(
        `SELECT CAST(total_investment AS VARCHAR) AS t, CAST(funding_central_budget AS VARCHAR) AS f, CAST(annual_plan AS VARCHAR) AS a FROM read_parquet('${file}')`
      );
      expect(reader.getRowObjectsJS()).toEqual([{ t: '90071992547409.93', f: '90071992547409.91', a: '10000000000000.00' }]);
    } finally {
      conn.closeSync();
    }
  }
} satisfies CatalogueEntry;
