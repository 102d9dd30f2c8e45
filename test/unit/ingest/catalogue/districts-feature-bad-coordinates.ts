import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Polygon } from 'geojson';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexSheet, districtsGeoJSON, writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a district boundaries file whose second feature (鱼峰区) has a latitude typed as text ("24.25")',
  build({ dir, out }) {
    const fc = districtsGeoJSON();
    (fc.features[1].geometry as Polygon).coordinates[0][2] = [109.5, '24.25' as unknown as number];
    const districts = path.join(dir, 'liuzhou.geojson');
    writeFileSync(districts, JSON.stringify(fc));
    return {
      args: [writeWorkbook(path.join(dir, '附表1.xlsx'), [annexSheet()]), '--dataset', 'e', '--out', out, '--districts', districts],
      bare: true
    };
  },
  code: 2,
  message: [
    /liuzhou\.geojson: district boundaries: feature 2 \(450203 鱼峰区\) has bad coordinates: position \[109\.5, 24\.25\] is not two numbers \(NaN, text or empty\): fix the boundaries file/
  ]
} satisfies CatalogueEntry;
