import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { readDatasetDir } from '../../../../scripts/ingest/dataset-io.ts';
import type { CatalogueEntry } from '../catalogue.ts';
import { writeWorkbook } from '../fixtures.ts';
import { datasetAt, deadPid } from '../output-fixtures.ts';

let aside: string;

export default {
  input: 'monthly returns for a dataset that a killed run had moved aside (.out.old-<pid>-<ms>) and not yet replaced',
  async build({ dir, out, districts }) {
    await datasetAt(out, districts);
    aside = path.join(dir, `.out.old-${deadPid()}-1796440093143-1`);
    renameSync(out, aside);
    const ret = {
      name: '月报',
      rows: [
        ['项目名称', '月份', '本月完成投资'],
        ['城中区道路改造工程', '2022-01', 40]
      ]
    };
    return { args: [writeWorkbook(path.join(dir, '1月月报.xlsx'), [ret])] };
  },
  code: 0,
  message: [/warning: .*out was missing: a run killed while replacing it had moved it to \.out\.old-\d+-1796440093143-1; put it back/],
  async after({ out }) {
    expect(existsSync(aside)).toBe(false);
    const ds = await readDatasetDir(out);
    expect(ds.projects).toHaveLength(4);
    expect(ds.monthly).toHaveLength(1);
  }
} satisfies CatalogueEntry;
