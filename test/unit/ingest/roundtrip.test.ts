import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPROVAL_KINDS, PHASES, SECTORS, factsFile, sizeBucketOf, type DatasetMeta } from '../../../src/lib/schema.ts';
import { openDuckDB, writeDataset, type Row } from '../../../scripts/lib/dataset-writer.ts';
import { main } from '../../../scripts/ingest/cli.ts';
import { DISTRICTS, districtsGeoJSON, tempDir } from './fixtures.ts';
import { testPreset } from '../rules/test-preset.ts';

/** A small dataset that uses every column the annex layout carries. */
function demoDataset() {
  const projects: Row[] = [];
  let n = 0;
  for (const phase of PHASES) {
    for (const sector of SECTORS) {
      for (let k = 0; k < 2; k++) {
        n++;
        const d = DISTRICTS[n % DISTRICTS.length];
        const total = 800 + n * 1234.56;
        const annual = phase === 'preparatory' ? 0 : Math.round(total * 0.2 * 100) / 100;
        const precision = n % 3 === 0 ? 'surveyed' : n % 3 === 1 ? 'district' : 'geocoded';
        projects.push({
          id: `RT-${String(n).padStart(3, '0')}`,
          name: `${d.name}测试项目${n}号`,
          jurisdiction: '柳州市',
          district_code: d.code,
          district_name: d.name,
          sector,
          phase,
          level: (['provincial', 'city', 'county'] as const)[n % 3],
          size_bucket: sizeBucketOf(total),
          total_investment: total.toFixed(2),
          annual_plan: annual.toFixed(2),
          invested_before: phase === 'continuing' ? (total * 0.3).toFixed(2) : '0.00',
          planned_start: `2022-0${(n % 9) + 1}-01`,
          planned_completion: n % 4 ? `2024-12-31` : null,
          actual_start: phase === 'continuing' ? '2021-06-15' : null,
          actual_completion: null,
          lon: precision === 'district' ? d.label[0] : d.label[0] + n / 1000,
          lat: precision === 'district' ? d.label[1] : d.label[1] - n / 2000,
          location_precision: precision,
          geometry:
            sector === 'infrastructure' && k === 0
              ? JSON.stringify({
                  type: 'LineString',
                  coordinates: [
                    [d.label[0], d.label[1]],
                    [d.label[0] + 0.01, d.label[1] + 0.005]
                  ]
                })
              : null,
          responsible_units: n % 2 ? '市发展改革委、市住建局' : '市交通运输局',
          lead_unit: n % 2 ? '市发展改革委' : '市交通运输局',
          lead_official: n % 5 ? '张三' : null,
          lead_official_rank: n % 5 ? (['city_leader', 'county_leader', 'key_department', 'other_department'] as const)[n % 4] : null,
          owner: `柳州某某公司${n}`,
          info_officer: n % 3 ? '李四' : null,
          funding_central_budget: '100.00',
          funding_special_bonds: (n * 10).toFixed(2),
          funding_bank_loans: '0.00',
          funding_private_capital: '12.34',
          funding_other: '0.50',
          ...Object.fromEntries(
            APPROVAL_KINDS.flatMap((a, i) => {
              const st = (['done', 'in_progress', 'pending', 'not_required'] as const)[(n + i) % 4];
              return [
                [`approval_${a}`, st],
                [`approval_${a}_date`, st === 'done' && i % 2 ? '2021-11-30' : null]
              ];
            })
          ),
          stat_registered: n % 2 === 0,
          batch: n % 7 === 0 ? 'supplement-2' : 'initial',
          exited_on: n === 9 ? '2022-08-31' : null,
          description: n % 2 ? `建设内容${n}` : null,
          internal_note: n % 3 ? null : '重点关注'
        });
      }
    }
  }
  const monthly: Row[] = [];
  for (const p of projects.filter((x) => x.phase !== 'preparatory').slice(0, 6)) {
    let ytd = 0;
    for (let m = 1; m <= 3; m++) {
      const month = 10 * m + 0.25;
      ytd += month;
      monthly.push({
        project_id: p.id,
        month: `2022-0${m}-01`,
        completed_month: month.toFixed(2),
        completed_ytd: ytd.toFixed(2),
        planned_ytd: (m * 11).toFixed(2),
        physical_progress: m * 10,
        physical_note: m === 3 ? '主体施工' : null,
        reported_on: m === 2 && p.id === 'RT-005' ? null : `2022-0${m + 1}-05`,
        note: null
      });
    }
  }
  const meta: DatasetMeta = {
    id: 'rt-2022',
    name: { zh: '柳州市2022年重大项目', en: 'Liuzhou 2022' },
    year: 2022,
    as_of: '2022-03-31',
    jurisdiction: { zh: '柳州市', en: 'Liuzhou', level: 'city', admin_code: '450200' },
    source_document: 'test',
    rule_preset: testPreset('liuzhou'),
    invented: [],
    boundaries: { source: 'test', licence: 'test' }
  };
  return { projects, monthly, problems: [], districts: districtsGeoJSON(), meta };
}

const PROJECT_COLS = '*';

async function compare(a: string, b: string) {
  const conn = await openDuckDB();
  try {
    const q = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
    const pa = `read_parquet('${a}/projects.parquet')`;
    const pb = `read_parquet('${b}/projects.parquet')`;
    const ma = `read_parquet('${a}/monthly.parquet')`;
    const mb = `read_parquet('${b}/monthly.parquet')`;
    const sums = (t: string) =>
      q(
        `SELECT phase, sector, count(*) AS n, CAST(sum(total_investment) AS VARCHAR) AS total, CAST(sum(annual_plan) AS VARCHAR) AS annual FROM ${t} GROUP BY ALL ORDER BY ALL`
      );
    return {
      projectsOnlyInA: await q(`SELECT ${PROJECT_COLS} FROM ${pa} EXCEPT SELECT ${PROJECT_COLS} FROM ${pb}`),
      projectsOnlyInB: await q(`SELECT ${PROJECT_COLS} FROM ${pb} EXCEPT SELECT ${PROJECT_COLS} FROM ${pa}`),
      monthlyOnlyInA: await q(`SELECT * FROM ${ma} EXCEPT SELECT * FROM ${mb}`),
      monthlyOnlyInB: await q(`SELECT * FROM ${mb} EXCEPT SELECT * FROM ${ma}`),
      sumsA: await sums(pa),
      sumsB: await sums(pb),
      typesA: await q(`DESCRIBE SELECT * FROM ${pa}`),
      typesB: await q(`DESCRIBE SELECT * FROM ${pb}`)
    };
  } finally {
    conn.closeSync();
  }
}

/** The ingested dataset's facts files (scripts/lib/facts-files.ts) against the source's: months, and rows in one and not the other. */
async function factsDifference(a: string, b: string) {
  const months = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta).facts_months;
  expect(months(b)).toEqual(months(a));
  const conn = await openDuckDB();
  try {
    let rows = 0;
    for (const key of months(a) ?? []) {
      const [fa, fb] = [a, b].map((dir) => `read_parquet('${path.join(dir, factsFile(key))}')`);
      const r = await conn.runAndReadAll(
        `SELECT (SELECT count(*) FROM (FROM ${fa} EXCEPT ALL FROM ${fb})) + (SELECT count(*) FROM (FROM ${fb} EXCEPT ALL FROM ${fa})) AS n`
      );
      rows += Number(r.getRowObjectsJS()[0].n);
    }
    return { months: months(b), rows };
  } finally {
    conn.closeSync();
  }
}

describe('round trip: dataset → annex spreadsheet → ingest → same figures', () => {
  for (const ext of ['xlsx', 'xls']) {
    it(`through .${ext}`, async () => {
      const dir = tempDir();
      const src = path.join(dir, 'src');
      await writeDataset(src, demoDataset());
      const sheet = path.join(dir, `export.${ext}`);
      expect(await main(['--export', src, sheet, '--quiet'])).toBe(0);
      const out = path.join(dir, 'out');
      const code = await main([
        sheet,
        '--dataset',
        'rt-2022',
        '--out',
        out,
        '--districts',
        path.join(src, 'districts.geojson'),
        '--jurisdiction',
        '柳州市',
        '--quiet'
      ]);
      expect(code).toBe(0);
      const c = await compare(src, out);
      expect(c.projectsOnlyInA).toEqual([]);
      expect(c.projectsOnlyInB).toEqual([]);
      expect(c.monthlyOnlyInA).toEqual([]);
      expect(c.monthlyOnlyInB).toEqual([]);
      expect(c.sumsB).toEqual(c.sumsA);
      expect(c.typesB).toEqual(c.typesA);
      expect(await factsDifference(src, out)).toEqual({ months: ['2022-01', '2022-02', '2022-03'], rows: 0 });
    });
  }
});

const LIUZHOU = path.resolve('static/data/liuzhou-2022');
describe('round trip of the generated Liuzhou 2022 dataset', () => {
  it('exports and ingests back to the same projects and phase/sector figures', async () => {
    const dir = tempDir();
    // a snapshot, so that a regeneration running meanwhile cannot change the source under the test
    const src = path.join(dir, 'src');
    cpSync(LIUZHOU, src, { recursive: true });
    const sheet = path.join(dir, 'liuzhou.xlsx');
    expect(await main(['--export', src, sheet, '--quiet'])).toBe(0);
    const out = path.join(dir, 'out');
    expect(
      await main([
        sheet,
        '--dataset',
        'liuzhou-2022',
        '--out',
        out,
        '--districts',
        path.join(src, 'districts.geojson'),
        '--jurisdiction',
        '柳州市',
        '--quiet'
      ])
    ).toBe(0);
    const c = await compare(src, out);
    expect(c.sumsB).toEqual(c.sumsA);
    expect(c.projectsOnlyInA).toEqual([]);
    expect(c.projectsOnlyInB).toEqual([]);
    expect(c.monthlyOnlyInA).toEqual([]);
    expect(c.monthlyOnlyInB).toEqual([]);
  });
});
