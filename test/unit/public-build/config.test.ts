/** The public build's configuration and its checks of the output (pure parts). */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetPlan, parsePublicBuildConfig, PUBLIC_PROJECT_COLUMNS, PublicConfigError } from '../../../scripts/public-build/config.ts';
import { findLeaks, machineStrings, removeSourceMaps, writeManifest } from '../../../scripts/public-build/output-check.ts';
import { publicDistricts, publicMeta, publicProjectsSelect } from '../../../scripts/public-build/public-dataset-parts.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';

describe('the public build configuration', () => {
  it('defaults to every dataset, the schema public columns and exact places', () => {
    const plan = datasetPlan(parsePublicBuildConfig({}), 'liuzhou-2022');
    expect(plan).toEqual({ columns: [...PUBLIC_PROJECT_COLUMNS], locations: { kind: 'exact' } });
  });

  it('leaves out the excluded datasets and applies per-dataset columns and places', () => {
    const config = parsePublicBuildConfig({
      exclude: ['lishui-2018'],
      columns: ['name', 'phase'],
      datasets: { 'county-2023': { locations: { grid: 0.01 } } }
    });
    expect(datasetPlan(config, 'lishui-2018')).toBeNull();
    expect(datasetPlan(config, 'county-2023')).toEqual({ columns: ['id', 'name', 'phase'], locations: { kind: 'grid', step: 0.01 } });
  });

  it('refuses an internal column on the whitelist', () => {
    expect(() => parsePublicBuildConfig({ columns: ['name', 'lead_official'] })).toThrow(PublicConfigError);
    expect(() => parsePublicBuildConfig({ columns: ['name', 'lead_official'] })).toThrow(/lead_official/);
  });

  it('refuses an unknown column and an unknown place policy', () => {
    expect(() => parsePublicBuildConfig({ columns: ['phone'] })).toThrow(/no such project column: phone/);
    expect(() => parsePublicBuildConfig({ locations: 'blurred' })).toThrow(/locations/);
  });

  it('drops the columns the dataset itself marks internal', () => {
    expect(datasetPlan(parsePublicBuildConfig({}), 'x', ['owner'])?.columns).not.toContain('owner');
  });
});

describe('the public projects SQL', () => {
  it('keeps the whitelisted columns, NULLs the other public ones and names no internal one', () => {
    const sql = publicProjectsSelect({ columns: ['id', 'name'], locations: { kind: 'exact' } }, 'src');
    expect(sql).toContain('p."name"');
    expect(sql).toContain('CAST(NULL AS VARCHAR) AS "owner"');
    expect(sql).not.toContain('lead_official');
    expect(sql).not.toContain('internal_note');
  });

  it('snaps places to the grid and drops the lines of linear projects', () => {
    const sql = publicProjectsSelect({ columns: [...PUBLIC_PROJECT_COLUMNS], locations: { kind: 'grid', step: 0.05 } }, 'src');
    expect(sql).toContain('round((floor(p."lon" / 0.05) + 0.5) * 0.05, 7)');
    expect(sql).toContain('CAST(NULL AS VARCHAR) AS "geometry"');
  });
});

describe('the public districts and meta', () => {
  it('keep the districts code, names, label and shape, never their targets', () => {
    const fc = publicDistricts({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [1, 2] },
          properties: { code: '1', name: 'a', label: [1, 2], target_annual_investment: 5, target_new_starts: 2 }
        }
      ]
    });
    expect(fc.features[0].properties).toEqual({ code: '1', name: 'a', label: [1, 2] });
  });

  it('meta.json is marked public and leaves out what was computed from internal data', () => {
    const meta = {
      id: 'x',
      name: { zh: 'x', en: 'x' },
      year: 2022,
      as_of: '2022-09-30',
      targets: [{ what: 'secret', min_yi: '1', computed_yi: '2', met: true }],
      discrepancies: [],
      generated: { seed: 1, generator: 'g' },
      internal_columns: ['owner']
    } as unknown as DatasetMeta;
    const out = publicMeta(meta, { columns: ['id'], locations: { kind: 'district' } });
    expect(out.public).toBe(true);
    expect(out.public_locations).toBe('district');
    expect(Object.keys(out)).not.toContain('targets');
    expect(Object.keys(out)).not.toContain('generated');
  });
});

describe('the output checks', () => {
  it('find the machine path where a path starts, not inside another path', () => {
    const needles = machineStrings({}, ['/work/']);
    const file = (text: string) => ({ file: 'f.js', bytes: Buffer.from(text) });
    expect(findLeaks([file('x="/work/wt-embed/src/a.ts"')], needles)).toHaveLength(1);
    expect(findLeaks([file('/home/runner/work/duckdb-wasm/x.cc')], needles)).toHaveLength(0);
  });

  it('find the values of long environment variables', () => {
    const needles = machineStrings({ SECRET_TOKEN: 'abc123-very-long-value', SHORT: 'x1' }, []);
    expect(needles.map((n) => n.what)).toEqual(['environment variable SECRET_TOKEN']);
    expect(findLeaks([{ file: 'a.js', bytes: Buffer.from('t="abc123-very-long-value"') }], needles)).toEqual([
      { file: 'a.js', what: 'environment variable SECRET_TOKEN' }
    ]);
  });

  it('remove source maps and list every other file with its SHA-256', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cm-manifest-'));
    try {
      mkdirSync(path.join(dir, '_app'));
      writeFileSync(path.join(dir, '_app/a.js'), 'let a=1;\n//# sourceMappingURL=a.js.map');
      writeFileSync(path.join(dir, '_app/a.js.map'), '{}');
      writeFileSync(path.join(dir, 'index.html'), '<p>hi</p>');
      expect(await removeSourceMaps(dir)).toEqual(['_app/a.js.map']);
      expect(readFileSync(path.join(dir, '_app/a.js'), 'utf8')).toBe('let a=1;');
      const entries = await writeManifest(dir);
      expect(entries.map((e) => e.path)).toEqual(['_app/a.js', 'index.html']);
      expect(entries[1].sha256).toBe(createHash('sha256').update('<p>hi</p>').digest('hex'));
      expect(existsSync(path.join(dir, 'SHA256SUMS'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
