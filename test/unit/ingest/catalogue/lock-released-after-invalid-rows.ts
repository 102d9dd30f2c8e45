import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a plan with an invalid row (negative total investment): the lock goes with the failed run',
  build({ dir }) {
    const sheet = {
      name: '计划',
      rows: [
        ['项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
        ['滨江大道', '续建', '基础设施', '城中区', -12000, 1200]
      ]
    };
    return { args: [writeWorkbook(path.join(dir, 'plan.xlsx'), [sheet])] };
  },
  code: 1,
  message: [/negative/i],
  after({ out }) {
    expect(existsSync(`${out}.lock`)).toBe(false);
  }
} satisfies CatalogueEntry;
