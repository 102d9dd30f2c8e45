import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueEntry } from '../catalogue.ts';
import { annexSheet, districtsGeoJSON, writeWorkbook } from '../fixtures.ts';

export default {
  input: 'a district boundaries file whose third feature (柳南区) has a null geometry',
  build({ dir, out }) {
    const fc = districtsGeoJSON();
    fc.features[2] = { ...fc.features[2], geometry: null as never };
    const districts = path.join(dir, 'liuzhou.geojson');
    writeFileSync(districts, JSON.stringify(fc));
    return {
      args: [writeWorkbook(path.join(dir, '附表1.xlsx'), [annexSheet()]), '--dataset', 'e', '--out', out, '--districts', districts],
      bare: true
    };
  },
  code: 2,
  message: [
    /liuzhou\.geojson: district boundaries: feature 3 \(450204 柳南区\) has no geometry: give it the district's Polygon or MultiPolygon: fix the boundaries file, or pass another with --districts/,
    /Nothing was written/
  ]
} satisfies CatalogueEntry;
