/** Same seed → byte-identical files; a different seed → different data. Benchmark path too. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, run } from '../../../scripts/generate/cli.ts';
import { availableMonths } from '../../../src/lib/metrics/month.ts';
import { Db, DEMO_IDS, generateDemo, removeTemps, tempDir } from './helpers.ts';

afterAll(removeTemps);

/** Every file under `dir`, by relative path (the datasets' facts/ folders included). */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const sub = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, sub)).isDirectory()) walk(sub);
      else out.set(sub, readFileSync(path.join(dir, sub)));
    }
  };
  walk('');
  return out;
}

describe('determinism', () => {
  it('regenerates the demo datasets byte for byte with the same seed', async () => {
    const a = files(await generateDemo(7));
    const b = files(await generateDemo(7));
    expect([...a.keys()]).toEqual([...b.keys()]);
    // Per dataset: three Parquet tables, points.arrow, districts.geojson, meta.json, the two
    // playback files and one facts file per available month; plus index.json.
    const months = DEMO_IDS.map((id) => {
      const meta = JSON.parse(a.get(`${id}/meta.json`)!.toString());
      return availableMonths(meta.as_of, meta.years).length;
    });
    expect(months.every((n) => n > 0)).toBe(true);
    expect(a.size).toBe(DEMO_IDS.length * 8 + months.reduce((x, y) => x + y, 0) + 1);
    expect(a.has('jiujiang-2021-2023/facts/2021-01.parquet')).toBe(true);
    expect(a.has('jiujiang-2021-2023/playback.parquet') && a.has('jiujiang-2021-2023/playback-summary.parquet')).toBe(true);
    for (const [k, v] of a) expect(v.equals(b.get(k)!), k).toBe(true);
    const meta = JSON.parse(a.get('liuzhou-2022/meta.json')!.toString());
    expect(meta.generated.seed).toBe(7);
    expect(a.get('liuzhou-2022/meta.json')!.toString()).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamps
  });

  it('changes the data (not the published figures) with another seed', async () => {
    const a = files(await generateDemo(7));
    const c = files(await generateDemo(8));
    expect(a.get('liuzhou-2022/projects.parquet')!.equals(c.get('liuzhou-2022/projects.parquet')!)).toBe(false);
    const pa = JSON.parse(a.get('liuzhou-2022/meta.json')!.toString());
    const pc = JSON.parse(c.get('liuzhou-2022/meta.json')!.toString());
    expect(pc.computed).toEqual(pa.computed);
  });

  it('writes a benchmark dataset deterministically, with every point inside its district', async () => {
    const gen = async () => {
      const dir = tempDir('cm-bench-');
      await run(parseArgs(['--projects', '3000', '--out', dir, '--seed', '5']), () => {});
      return dir;
    };
    const d1 = await gen();
    const d2 = await gen();
    const a = files(d1);
    const b = files(d2);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].filter((k) => k.includes('/facts/'))).toHaveLength(12);
    for (const [k, v] of a) expect(v.equals(b.get(k)!), k).toBe(true);
    const db = await Db.open(d1);
    try {
      const n = await db.one<{ n: number; m: number }>(
        `SELECT (SELECT count(*) FROM ${db.f('bench-3000', 'projects')})::INTEGER AS n, (SELECT count(*) FROM ${db.f('bench-3000', 'monthly')})::INTEGER AS m`
      );
      expect(n).toEqual({ n: 3000, m: 36000 });
      const fc = db.geojson('bench-3000');
      const byCode = new Map(fc.features.map((f) => [f.properties.code, f]));
      const rows = await db.rows<{ district_code: string; lon: number; lat: number }>(
        `SELECT district_code, lon, lat FROM ${db.f('bench-3000', 'projects')}`
      );
      const outside = rows.filter((r) => !turf.booleanPointInPolygon([r.lon, r.lat], byCode.get(r.district_code)!));
      expect(outside.length).toBeLessThanOrEqual(3); // label fallback on degenerate slivers only
      const bad = await db.one<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM (SELECT completed_ytd, lag(completed_ytd) OVER (PARTITION BY project_id ORDER BY month) AS prev FROM ${db.f('bench-3000', 'monthly')}) WHERE completed_ytd < coalesce(prev, 0)`
      );
      expect(bad.n).toBe(0);
      const idx = JSON.parse(readFileSync(path.join(d1, 'index.json'), 'utf8'));
      expect(idx).toEqual([expect.objectContaining({ id: 'bench-3000', projects: 3000 })]);
    } finally {
      db.close();
    }
  });
});
