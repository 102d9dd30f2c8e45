/**
 * Projects the map cannot show (facts' map_placement): no coordinates, or coordinates outside every
 * district, told apart when a dataset is finished (scripts/lib/outside-districts.ts,
 * metrics/facts.ts), in every month's facts file and in the first paint.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { FeatureCollection } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, run } from '../../../scripts/generate/cli.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { finishDataset } from '../../../scripts/lib/finish-dataset.ts';
import { districtTest } from '../../../scripts/lib/outside-districts.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { removeTemps, tempDir } from './helpers.ts';

afterAll(() => removeTemps());

const square = (w: number, s: number, size: number) => [
  [w, s],
  [w + size, s],
  [w + size, s + size],
  [w, s + size],
  [w, s]
];

const DISTRICTS: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    // A district with a hole (an enclave of another jurisdiction).
    { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] } },
    // A district of two parts, far from the first.
    {
      type: 'Feature',
      properties: {},
      geometry: { type: 'MultiPolygon', coordinates: [[square(100, 30, 1)], [square(103, 30, 1)]] }
    }
  ]
};

describe('the district test', () => {
  const inside = districtTest(DISTRICTS);

  it('finds points inside a district, in any part of it', () => {
    expect([inside(1, 1), inside(9.9, 0.1), inside(100.5, 30.5), inside(103.5, 30.2)]).toEqual([true, true, true, true]);
  });

  it('puts points in a hole, between two parts or far away outside every district', () => {
    expect([inside(5, 5), inside(101.5, 30.5), inside(11, 5), inside(0, 50), inside(-120, -40)]).toEqual([
      false,
      false,
      false,
      false,
      false
    ]);
  });
});

describe('a finished dataset with projects the map cannot show', () => {
  it('marks them in every month’s facts, and leaves them out of the first paint', async () => {
    const out = tempDir();
    await run(parseArgs(['--out', out, '--force', '--only', 'county-2023']), () => {});
    const dir = path.join(out, 'county-2023');
    const projects = path.join(dir, 'projects.parquet');
    const conn = await openDuckDB();
    try {
      const ids = (await conn.runAndReadAll(`SELECT id FROM read_parquet('${projects}') ORDER BY id LIMIT 3`)).getRowObjectsJS();
      const [a, b, far] = ids.map((r) => `'${String(r.id)}'`);
      await conn.run(
        `COPY (SELECT * REPLACE (
            CASE WHEN id IN (${a}, ${b}) THEN NULL WHEN id = ${far} THEN lon + 5 ELSE lon END AS lon,
            CASE WHEN id IN (${a}, ${b}) THEN NULL ELSE lat END AS lat)
          FROM read_parquet('${projects}') ORDER BY id) TO '${dir}/moved.parquet' (FORMAT parquet)`
      );
      await conn.run(`COPY (SELECT * FROM read_parquet('${dir}/moved.parquet')) TO '${projects}' (FORMAT parquet)`);
      const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta;
      await finishDataset(conn, dir, meta);
      for (const month of meta.facts_months!) {
        const counts = (
          await conn.runAndReadAll(
            `SELECT map_placement, CAST(count(*) AS INTEGER) AS n FROM read_parquet('${dir}/facts/${month}.parquet') GROUP BY ALL ORDER BY ALL`
          )
        ).getRowObjectsJS();
        expect(counts, month).toEqual([
          { map_placement: 'no_coordinates', n: 2 },
          { map_placement: 'on_map', n: 33 },
          { map_placement: 'outside_districts', n: 1 }
        ]);
      }
      const points = tableFromIPC(readFileSync(path.join(dir, 'points.arrow')));
      const lon = points.getChild('lon')!.toArray() as Float32Array;
      expect(lon.filter((v) => Number.isNaN(v))).toHaveLength(2);
    } finally {
      conn.closeSync();
    }
  });
});
