/**
 * A small hand-made dataset (10 projects, monthly reports for May and June 2022 only, 7 problems) whose metrics are
 * worked out by hand in metrics.test.ts. P09 left the plan on 2022-05-31; P08 is preparatory.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeDataset, type DatasetFiles, type Row } from '../../../scripts/lib/dataset-writer.ts';
import { APPROVAL_KINDS, type DatasetMeta } from '../../../src/lib/schema.ts';
import { testPreset } from '../rules/test-preset.ts';

// prettier-ignore
type P = [id: string, name: string, district: string, sector: string, phase: string, size: string,
  total: number, plan: number, start: string | null, done: string | null, exited: string | null,
  unit: string, lon: number, lat: number, registered: boolean];

const DISTRICTS: Record<string, string> = { '450202': '城中区', '450203': '鱼峰区', '450205': '柳北区' };

// prettier-ignore
const PROJECTS: P[] = [
  ['P01', '城中路改造', '450202', 'infrastructure', 'new', '1e4_1e5', 20000, 6000, '2022-03-10', null, null, '市住建局', 109.4, 24.32, true],
  ['P02', '鱼峰产业园', '450203', 'industry', 'new', '5000_10000', 8000, 2400, '2022-06-15', null, null, '鱼峰区政府', 109.45, 24.3, true],
  ['P03', '柳北学校', '450205', 'livelihood', 'new', '3000_5000', 4000, 1200, null, null, null, '市教育局', 109.42, 24.38, false],
  ['P04', '城中污水厂', '450202', 'ecology', 'continuing', '1e4_1e5', 50000, 12000, '2021-05-01', null, null, '市住建局', 109.38, 24.31, true],
  ['P05', '鱼峰大道', '450203', 'infrastructure', 'continuing', 'ge1e5', 120000, 24000, '2020-09-01', null, null, '市交通局', 109.47, 24.27, true],
  ['P06', '柳北医院', '450205', 'livelihood', 'completion', '5000_10000', 9000.55, 3000, '2020-03-01', '2022-05-20', null, '市卫健委', 109.41, 24.36, true],
  ['P07', '城中厂房', '450202', 'industry', 'completion', '1000_3000', 2500, 800, '2021-03-01', null, null, '城中区政府', 109.39, 24.33, false],
  ['P08', '鱼峰储备', '450203', 'industry', 'preparatory', '1e4_1e5', 30000, 0, null, null, null, '鱼峰区政府', 109.5, 24.25, false],
  ['P09', '柳北公园', '450205', 'ecology', 'new', 'lt1000', 800, 800, '2022-04-01', null, '2022-05-31', '市林业局', 109.43, 24.4, true],
  ['P10', '城中路桥', '450202', 'infrastructure', 'continuing', '1e4_1e5', 15000, 5000, '2021-01-01', null, null, '市交通局', 109.41, 24.325, true]
];

/** Approvals that differ from "all six done on 2022-01-15": kind → [status, date]. */
// prettier-ignore
const APPROVALS: Record<string, Record<string, [string, string | null]>> = {
  P02: { energy: ['not_required', null], construction: ['in_progress', null] },
  P03: { project: ['done', '2022-02-01'], land: ['done', '2022-06-10'], planning: ['pending', null], eia: ['pending', null], energy: ['not_required', null], construction: ['pending', null] },
  P08: { project: ['done', '2022-03-01'], land: ['pending', null], planning: ['pending', null], eia: ['pending', null], energy: ['pending', null], construction: ['pending', null] }
};

/** [project, completed_ytd, planned_ytd, reported_on] for May and June. */
// prettier-ignore
const MAY: [string, number, number, string | null][] = [
  ['P01', 2000, 2500, '2022-06-03'], ['P02', 600, 1000, '2022-06-03'], ['P03', 0, 500, '2022-06-03'],
  ['P04', 4000, 5000, '2022-06-03'], ['P05', 10000, 10000, '2022-06-06'], ['P06', 2800, 2500, '2022-06-03'],
  ['P07', 300, 333.33, '2022-06-03'], ['P08', 0, 0, '2022-06-03'], ['P09', 100, 333.33, '2022-06-03'],
  ['P10', 1500, 2000, null]
];
// prettier-ignore
const JUNE: [string, number, number, string | null][] = [
  ['P01', 3000, 3000, '2022-07-05'], ['P02', 840, 1200, '2022-07-06'], ['P03', 0, 600, null],
  ['P04', 4800, 6000, '2022-07-01'], ['P05', 13200, 12000, '2022-07-03'], ['P06', 3000, 3000, '2022-07-05'],
  ['P07', 300, 400, '2022-07-10'], ['P08', 0, 0, '2022-07-02'], ['P09', 100, 400, '2022-07-01'],
  ['P10', 2000, 2500, '2022-07-04']
];

/** [id, project, raised, deadline, status, closed_on] */
// prettier-ignore
const PROBLEMS: [string, string, string, string, string, string | null][] = [
  ['X1', 'P01', '2022-03-01', '2022-04-30', 'closed', '2022-05-10'],
  ['X2', 'P02', '2022-04-10', '2022-05-15', 'open', null],
  ['X3', 'P02', '2022-06-01', '2022-07-31', 'assigned', null],
  ['X4', 'P04', '2022-02-01', '2022-03-31', 'resolved', '2022-06-05'],
  ['X5', 'P05', '2022-05-20', '2022-06-20', 'supervised', null],
  ['X6', 'P09', '2022-03-01', '2022-04-01', 'open', null],
  ['X7', 'P10', '2022-01-10', '2022-02-28', 'closed', '2022-06-20']
];

function projectRow(p: P): Row {
  const [id, name, district, sector, phase, size, total, plan, start, done, exited, unit, lon, lat, registered] = p;
  const row: Row = {
    id,
    name,
    jurisdiction: '柳州市',
    district_code: district,
    district_name: DISTRICTS[district],
    sector,
    phase,
    level: 'city',
    size_bucket: size,
    total_investment: total,
    annual_plan: plan,
    invested_before: 0,
    planned_start: start,
    planned_completion: null,
    actual_start: start,
    actual_completion: done,
    lon,
    lat,
    location_precision: 'surveyed',
    geometry: null,
    responsible_units: `${unit}、市发改委`,
    lead_unit: unit,
    lead_official: null,
    lead_official_rank: null,
    owner: `${name}业主`,
    info_officer: null,
    funding_central_budget: 0,
    funding_special_bonds: 0,
    funding_bank_loans: 0,
    funding_private_capital: 0,
    funding_other: 0,
    stat_registered: registered,
    batch: 'initial',
    exited_on: exited,
    description: null,
    internal_note: null
  };
  for (const k of APPROVAL_KINDS) {
    const [status, date] = APPROVALS[id]?.[k] ?? ['done', '2022-01-15'];
    row[`approval_${k}`] = status;
    row[`approval_${k}_date`] = date;
  }
  return row;
}

function monthlyRows(month: string, rows: typeof MAY): Row[] {
  return rows.map(([project_id, ytd, planned, reported_on]) => ({
    project_id,
    month,
    completed_month: 0,
    completed_ytd: ytd,
    planned_ytd: planned,
    physical_progress: 50,
    physical_note: null,
    reported_on,
    note: null
  }));
}

export const FIXTURE_META: DatasetMeta = {
  id: 'fixture-2022',
  name: { zh: '测试', en: 'Fixture' },
  year: 2022,
  as_of: '2022-06-30',
  jurisdiction: { zh: '柳州市', en: 'Liuzhou', level: 'city', admin_code: '450200' },
  source_document: 'test',
  invented: ['everything'],
  rule_preset: testPreset(),
  boundaries: { source: 'test', licence: 'test' }
};

export function fixtureFiles(): DatasetFiles {
  return {
    projects: PROJECTS.map(projectRow),
    monthly: [...monthlyRows('2022-05-01', MAY), ...monthlyRows('2022-06-01', JUNE)],
    problems: PROBLEMS.map(([id, project_id, raised_on, deadline, status, closed_on]) => ({
      id,
      project_id,
      raised_on,
      category: 'land',
      level: 'district',
      description: '问题',
      responsible_unit: '市住建局',
      responsible_person: '某某',
      solution: null,
      deadline,
      status,
      closed_on,
      notices: 0,
      interviews: 0
    })),
    districts: {
      type: 'FeatureCollection',
      features: Object.entries(DISTRICTS).map(([code, name]) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [109.4, 24.3] },
        properties: { code, name, label: [109.4, 24.3] }
      }))
    },
    meta: FIXTURE_META
  };
}

/** Writes the fixture dataset to a fresh temporary directory and returns its path. */
export async function writeFixture(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'cm-fixture-')), 'fixture-2022');
  await writeDataset(dir, fixtureFiles());
  return dir;
}
