import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexSheet, districtsGeoJSON, writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a district boundaries file written by a tool that puts NaN in one coordinate of 融水苗族自治县 (reported as "not valid JSON")',
  build({ dir, out }) {
    const text = JSON.stringify(districtsGeoJSON(), null, 1).replace('25.02', 'NaN');
    const districts = path.join(dir, 'liuzhou.geojson');
    writeFileSync(districts, text);
    return {
      args: [writeWorkbook(path.join(dir, '附表1.xlsx'), [annexSheet()]), '--dataset', 'e', '--out', out, '--districts', districts],
      bare: true
    };
  },
  code: 2,
  message: [
    /liuzhou\.geojson: district boundaries: feature 4 \(450225 融水苗族自治县\) has bad coordinates: position \[109\.21\d*, null\] is not two numbers \(NaN, text or empty\)/
  ]
} satisfies CatalogueEntry;
