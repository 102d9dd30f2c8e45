import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { CatalogueEntry } from '../catalogue.ts';
import { plan2022WithTypo } from './month-2031-in-2022-plan.ts';

export default {
  input: '--skip-invalid with a 2031年1月 return in a 2022 plan: it moved as_of to 2031-01-31 and hid every real month',
  build: ({ dir }) => ({ args: [plan2022WithTypo(dir), '--skip-invalid'] }),
  code: 1,
  written: true,
  message: [/WRITTEN WITH INVALID ROWS SKIPPED/, /sheet "月报", row 3, column B \(月份\): month outside the plan's years/],
  after({ out }) {
    const meta = JSON.parse(readFileSync(path.join(out, 'meta.json'), 'utf8'));
    expect(meta.as_of).toBe('2022-03-31');
    expect(meta.facts_months.at(-1)).toBe('2022-03');
  }
} satisfies CatalogueEntry;
