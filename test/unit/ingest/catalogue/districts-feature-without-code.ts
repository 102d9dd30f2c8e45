import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexSheet, districtsGeoJSON, writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a district boundaries file whose second feature lost its code property',
  build({ dir, out }) {
    const fc = districtsGeoJSON();
    delete fc.features[1].properties!.code;
    const districts = path.join(dir, 'liuzhou.geojson');
    writeFileSync(districts, JSON.stringify(fc));
    return {
      args: [writeWorkbook(path.join(dir, '附表1.xlsx'), [annexSheet()]), '--dataset', 'e', '--out', out, '--districts', districts],
      bare: true
    };
  },
  code: 2,
  message: [
    /liuzhou\.geojson: district boundaries: feature 2 \(鱼峰区\) has no code property: give each district its admin code \(code\), name and label \[lon, lat\]: fix the boundaries file/
  ]
} satisfies CatalogueEntry;
