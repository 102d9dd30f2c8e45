import type { CatalogueEntry } from '../catalogue.ts';
import { planAt } from './location-in-beijing.ts';

export default {
  input: 'a project named in 城中区 whose coordinates lie in 鱼峰区 (a border project, or a typo): a warning',
  build: ({ dir }) => ({ args: [planAt(dir, 109.49, 24.26), '--check'] }),
  code: 0,
  message: [
    /坐标\.xlsx, sheet "计划", row 2, column H \(经度（WGS-84）\): coordinates 109\.49, 24\.26 \(WGS-84\) lie in 鱼峰区, not in 城中区 named by the row: check the coordinates or the district/
  ]
} satisfies CatalogueEntry;
