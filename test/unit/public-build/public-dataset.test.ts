/** Coarsened places in a public derivative: grid cell centres, or the district's label point. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, run } from '../../../scripts/generate/cli.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { writePublicDataset } from '../../../scripts/public-build/public-dataset.ts';
import { PUBLIC_PROJECT_COLUMNS } from '../../../scripts/public-build/config.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { removeTemps, tempDir } from '../data/helpers.ts';

const ID = 'liuzhou-2022';
let source: string;
let conn: DuckDBConnection;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const projects = (dir: string) => `read_parquet(${lit(path.join(dir, 'projects.parquet'))})`;

beforeAll(async () => {
  source = tempDir('cm-public-src-');
  await run(parseArgs(['--out', source, '--only', ID, '--force']), () => undefined);
  conn = await openDuckDB();
});
afterAll(() => {
  conn?.closeSync();
  removeTemps();
});

describe('a public derivative', () => {
  it('on a grid puts every placed project on a cell centre and has no lines', async () => {
    const out = tempDir('cm-public-grid-');
    const meta = await writePublicDataset(conn, path.join(source, ID), out, {
      columns: [...PUBLIC_PROJECT_COLUMNS],
      locations: { kind: 'grid', step: 0.05 }
    });
    expect(meta.public_locations).toBe('grid:0.05');
    const r = await conn.runAndReadAll(
      `SELECT count(*) FILTER (WHERE abs((lon / 0.05 - 0.5) - round(lon / 0.05 - 0.5)) > 1e-6) AS off_grid,
              count(geometry) AS lines, count(lon) AS placed FROM ${projects(out)}`
    );
    const [offGrid, lines, placed] = r.getRows()[0].map(Number);
    expect({ offGrid, lines }).toEqual({ offGrid: 0, lines: 0 });
    expect(placed).toBeGreaterThan(100);
  });

  it("on districts puts every placed project on its district's label point", async () => {
    const out = tempDir('cm-public-district-');
    await writePublicDataset(conn, path.join(source, ID), out, { columns: [...PUBLIC_PROJECT_COLUMNS], locations: { kind: 'district' } });
    const districts = JSON.parse(readFileSync(path.join(out, 'districts.geojson'), 'utf8'));
    const labels = new Map<string, [number, number]>(
      districts.features.map((f: { properties: { code: string; label: [number, number] } }) => [f.properties.code, f.properties.label])
    );
    const rows = (
      await conn.runAndReadAll(`SELECT district_code, lon, lat, location_precision FROM ${projects(out)} WHERE lon IS NOT NULL`)
    ).getRowObjectsJS();
    expect(rows.length).toBeGreaterThan(100);
    const wrong = rows.filter((r) => {
      const label = labels.get(String(r.district_code));
      return !label || label[0] !== r.lon || label[1] !== r.lat || r.location_precision !== 'district';
    });
    expect(wrong).toEqual([]);
    const meta = JSON.parse(readFileSync(path.join(out, 'meta.json'), 'utf8')) as DatasetMeta;
    expect(meta.facts_months?.length).toBeGreaterThan(0);
  });
});
