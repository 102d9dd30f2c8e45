import type { CatalogueEntry } from '../catalogue.ts';
import { planAt } from './location-in-beijing.ts';

export default {
  input: '--strict, and a project named in 城中区 whose coordinates lie in 鱼峰区: the warning is an error',
  build: ({ dir }) => ({ args: [planAt(dir, 109.49, 24.26), '--strict'] }),
  code: 1,
  message: [
    /FAILED \(nothing written\)/,
    /Error: --strict: the 1 warning below count as errors; fix them, or ingest without --strict/,
    /Warnings \(1, errors under --strict\):\n {2}坐标\.xlsx, sheet "计划", row 2, column H \(经度（WGS-84）\): coordinates 109\.49, 24\.26 \(WGS-84\) lie in 鱼峰区, not in 城中区/
  ]
} satisfies CatalogueEntry;
