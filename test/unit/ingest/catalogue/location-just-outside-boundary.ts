import type { CatalogueEntry } from '../catalogue.ts';
import { planAt } from './location-in-beijing.ts';

export default {
  input: 'a 城中区 project half a kilometre outside the (generalised) boundaries: a warning, not an invalid row',
  build: ({ dir }) => ({ args: [planAt(dir, 109.41, 24.3745), '--check'] }),
  code: 0,
  message: [
    /坐标\.xlsx, sheet "计划", row 2, column H \(经度（WGS-84）\): coordinates 109\.41, 24\.3745 \(WGS-84\) lie 0\.5 km outside the boundaries, nearest 城中区 \(the row names 城中区\): a generalised boundary\?/
  ]
} satisfies CatalogueEntry;
