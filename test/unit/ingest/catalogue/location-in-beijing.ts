import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

/** A plan with coordinates: one project, in 城中区 by its 县区 cell, at [lon, lat]. */
export function planAt(dir: string, lon: number, lat: number, name = '坐标.xlsx'): string {
  return writeWorkbook(path.join(dir, name), [
    {
      name: '计划',
      rows: [
        ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资', '经度（WGS-84）', '纬度（WGS-84）'],
        ['P1', '城中区道路改造工程', '新开工', '基础设施', '城中区', 2000, 500, lon, lat]
      ]
    }
  ]);
}

export default {
  input: 'a 城中区 (Liuzhou) project whose coordinates put it in Beijing (116.397, 39.909)',
  build: ({ dir }) => ({ args: [planAt(dir, 116.397, 39.909)] }),
  code: 1,
  message: [
    /坐标\.xlsx, sheet "计划", row 2, column H \(经度（WGS-84）\): location outside the boundaries: coordinates 116\.397, 39\.909 \(WGS-84\) lie outside every district of the boundaries, [\d,]+ km from the nearest \(.+\); the row names 城中区: check the coordinates and their datum/
  ]
} satisfies CatalogueEntry;
