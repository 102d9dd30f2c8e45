/**
 * A generated dataset for the SQL ↔ page parity test (parity-property.test.ts): deterministic
 * (a seeded PRNG, never Math.random), written straight into a duckdb-wasm database as the
 * projects, monthly and problems tables, from which the query core (without a facts loader)
 * builds each month's facts. Its rows reach the branches the Liuzhou demo data does not:
 *
 *   - projects with and without monthly targets (planned_ytd NULL, or no monthly row at all, or
 *     a row missing for one month only): the "unscheduled" input, whose elapsed share is month / 12;
 *   - NULL lead units (the schema says NOT NULL; a table written here is not validated), and
 *     projects without an annual plan (RAG NULL), preparatory projects (annual input NULL);
 *   - projects that left the plan between two months (in_plan false, gaps in row_key);
 *   - coordinates of mixed precision (4 and 6 decimals, full doubles), several projects on one
 *     point, on one latitude or on one longitude, so boxes and lassos can sit exactly on them;
 *   - names with upper-case Latin letters, full-width brackets and letters, Roman numerals;
 *   - several districts, units and plan batches; monthly reports from January to June 2022.
 */
import type { Connector } from '@uwdata/mosaic-core';
import {
  APPROVAL_KINDS,
  LEVELS,
  PHASES,
  PROBLEM_COLUMNS,
  PROJECT_COLUMNS,
  MONTHLY_COLUMNS,
  SECTORS,
  sizeBucketOf,
  type ColumnSpec,
  type RulePreset
} from '../../../src/lib/schema.ts';
import { testPreset } from '../rules/test-preset.ts';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one PRNG. */
export class Draw {
  constructor(readonly next: () => number) {}
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A random subset (each kept with probability p), at least `min` items. */
  subset<T>(items: readonly T[], p = 0.4, min = 1): T[] {
    const out = items.filter(() => this.chance(p));
    const rest = items.filter((v) => !out.includes(v));
    while (out.length < Math.min(min, items.length)) out.push(rest.splice(Math.floor(this.next() * rest.length), 1)[0]);
    return this.shuffle(out);
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  /** Uniform in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
}

type Row = Record<string, unknown>;
/** Money is kept as integer cents of 万元 here and written as DECIMAL(18,2). */
export const cents = (n: number): { cents: bigint } => ({ cents: BigInt(Math.round(n)) });
type Money = ReturnType<typeof cents>;

export const DISTRICTS: Record<string, string> = {
  '450202': '城中区',
  '450203': '鱼峰区',
  '450204': '柳南区',
  '450205': '柳北区',
  '450206': '柳江区'
};
const DISTRICT_PREFIX: Record<string, string> = {
  '450202': '城中',
  '450203': '鱼峰',
  '450204': '柳南',
  '450205': '柳北',
  '450206': '柳江'
};
/** Lead units, one with an apostrophe (literal escaping) and Latin capitals. */
export const UNITS = ['市住建局', '市交通局', '市教育局', '市卫健委', '鱼峰区政府', "O'Neil咨询 (BIM) 中心", 'CITIC城投', '市林业局'];
export const BATCHES = ['initial', 'supplement-1', 'supplement-2'];
const CORES = [
  '路改造',
  '产业园',
  '学校',
  '污水厂',
  '大道',
  '医院',
  '厂房',
  '公园',
  '路桥',
  '物流园',
  '安置房',
  '数据中心',
  '光伏电站',
  '隧道',
  '综合管廊'
];
const TAGS = [
  '（A区）',
  '（B区）',
  'A区',
  'Ⅱ期',
  '二期',
  'PPP',
  'EPC',
  'iPark',
  'LED',
  'ＡＢ栋',
  '5G基站',
  'K12',
  'BRT',
  '（一期）',
  'SmartCity',
  'Phase II',
  '（Ｃ地块）'
];

/** The region the coordinates fall in: [west, south, east, north]. */
export const REGION: [number, number, number, number] = [109.3, 24.2, 109.5, 24.4];

/** The months the monthly table reports (January … June 2022); the test moves between the last three. */
export const REPORT_MONTHS = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'];
export const MONTHS = ['2022-04', '2022-05', '2022-06'];

export const PARITY_PRESET: RulePreset = testPreset('parity');

export interface ParityFixture {
  projects: Row[];
  monthly: Row[];
  problems: Row[];
  /** Coordinates of the projects (in the plan or not), for boxes and lassos that sit on them. */
  points: [number, number][];
  names: string[];
}

/** A coordinate of 4 or 6 decimals or a full double in [lo, hi). */
function coordinate(d: Draw, lo: number, hi: number): number {
  const x = d.real(lo, hi);
  const r = d.next();
  if (r < 0.4) return Math.round(x * 1e4) / 1e4;
  if (r < 0.7) return Math.round(x * 1e6) / 1e6;
  return x;
}

const isoDay = (month: string, day: number) => `${month}-${String(day).padStart(2, '0')}`;

/**
 * The dataset for a seed: `count` projects (not a multiple of four, so the masks' word loops
 * have a tail), in a shuffled load order (row_key order is not id order).
 */
export function parityFixture(seed: number, count = 263): ParityFixture {
  const d = new Draw(prng(seed));
  const projects: Row[] = [];
  const monthly: Row[] = [];
  const problems: Row[] = [];
  const points: [number, number][] = [];
  const names: string[] = [];
  // A few latitudes and longitudes that several projects share, and a few shared points.
  const sharedLat = Array.from({ length: 3 }, () => coordinate(d, REGION[1], REGION[3]));
  const sharedLon = Array.from({ length: 3 }, () => coordinate(d, REGION[0], REGION[2]));
  const order = d.shuffle(Array.from({ length: count }, (_, i) => i));
  for (const k of order) {
    const id = `P${String(k + 1).padStart(3, '0')}`;
    const district = d.pick(Object.keys(DISTRICTS));
    // Preparatory projects about one in seven.
    const phase = d.chance(0.15) ? 'preparatory' : d.pick(PHASES.filter((p) => p !== 'preparatory'));
    const sector = d.pick(SECTORS);
    let name = DISTRICT_PREFIX[district];
    if (d.chance(0.5)) name += d.pick(TAGS);
    name += d.pick(CORES);
    if (d.chance(0.3)) name += d.pick(TAGS);
    const totalWan = d.chance(0.1) ? d.real(100, 1000) : d.chance(0.1) ? d.real(100_000, 300_000) : d.real(1000, 100_000);
    const total = cents(totalWan * 100);
    // Preparatory: no annual target; one in ten of the others has none either (RAG NULL).
    const planCents = phase === 'preparatory' || d.chance(0.1) ? 0 : Math.round(Number(total.cents) * d.real(0.05, 0.6));
    const plan = cents(planCents);
    const started =
      phase === 'new'
        ? d.chance(0.6)
          ? isoDay(d.pick(['2022-03', '2022-04', '2022-05', '2022-06', '2022-07']), d.int(1, 28))
          : null
        : phase === 'preparatory'
          ? null
          : `20${d.int(19, 21)}-0${d.int(1, 9)}-15`;
    const completed =
      phase === 'completion' && d.chance(0.5) ? isoDay(d.pick(['2022-04', '2022-05', '2022-06', '2022-08']), d.int(1, 28)) : null;
    const exited = d.chance(0.04) ? d.pick(['2022-04-30', '2022-05-15', '2022-06-30', '2022-03-31']) : null;
    const r = d.next();
    let lon: number;
    let lat: number;
    if (r < 0.05 && points.length)
      [lon, lat] = d.pick(points); // on another project's point
    else if (r < 0.2) [lon, lat] = [coordinate(d, REGION[0], REGION[2]), d.pick(sharedLat)];
    else if (r < 0.32) [lon, lat] = [d.pick(sharedLon), coordinate(d, REGION[1], REGION[3])];
    else [lon, lat] = [coordinate(d, REGION[0], REGION[2]), coordinate(d, REGION[1], REGION[3])];
    points.push([lon, lat]);
    names.push(name);
    const geometry = d.chance(0.15)
      ? JSON.stringify({
          type: 'LineString',
          coordinates: [
            [lon, lat],
            [lon + 0.01, lat + 0.005]
          ]
        })
      : null;
    const unit = d.chance(0.12) ? null : d.pick(UNITS);
    const row: Row = {
      id,
      name,
      jurisdiction: '柳州市',
      district_code: district,
      district_name: DISTRICTS[district],
      sector,
      phase,
      level: d.pick(LEVELS),
      size_bucket: sizeBucketOf(Number(total.cents) / 100),
      total_investment: total,
      annual_plan: plan,
      invested_before: cents(0),
      planned_start: started,
      planned_completion: null,
      actual_start: started,
      actual_completion: completed,
      lon,
      lat,
      location_precision: 'surveyed',
      geometry,
      responsible_units: `${unit ?? '市发改委'}、市发改委`,
      lead_unit: unit,
      lead_official: null,
      lead_official_rank: null,
      owner: `${name}业主`,
      info_officer: null,
      funding_central_budget: cents(0),
      funding_special_bonds: cents(0),
      funding_bank_loans: cents(0),
      funding_private_capital: cents(0),
      funding_other: cents(0),
      stat_registered: d.chance(0.7),
      batch: d.chance(0.6) ? 'initial' : d.pick(BATCHES.slice(1)),
      exited_on: exited,
      description: null,
      internal_note: null
    };
    for (const kind of APPROVAL_KINDS) {
      const done = d.chance(0.8);
      row[`approval_${kind}`] = done ? 'done' : d.pick(['in_progress', 'pending', 'not_required']);
      row[`approval_${kind}_date`] = done ? isoDay(d.pick(REPORT_MONTHS), d.int(1, 28)) : null;
    }
    projects.push(row);

    // Monthly reports: none at all, targets throughout, no targets (planned_ytd NULL), targets in
    // some months only, or a month's report missing.
    const kind = d.pick(['none', 'scheduled', 'scheduled', 'scheduled', 'unscheduled', 'unscheduled', 'mixed', 'gap'] as const);
    if (kind === 'none') continue;
    const skip = kind === 'gap' ? d.pick(MONTHS) : null;
    let done = 0;
    REPORT_MONTHS.forEach((month, i) => {
      if (month === skip) return;
      const step = phase === 'preparatory' ? 0 : Math.round(planCents * d.real(0, 0.25));
      done += step;
      const scheduled = kind === 'scheduled' || kind === 'gap' || (kind === 'mixed' && d.chance(0.5));
      const planned = scheduled ? cents(Math.round(planCents * ((i + 1) / 12) * d.real(0.8, 1.2))) : null;
      monthly.push({
        project_id: id,
        month: `${month}-01`,
        completed_month: cents(step),
        completed_ytd: cents(done),
        planned_ytd: planned,
        physical_progress: d.int(0, 100),
        physical_note: null,
        reported_on: d.chance(0.1) ? null : isoDay(REPORT_MONTHS[i + 1] ?? '2022-07', d.int(1, 9)),
        note: null
      });
    });
    if (d.chance(0.2)) {
      problems.push({
        id: `X${problems.length + 1}`,
        project_id: id,
        raised_on: isoDay(d.pick(REPORT_MONTHS), 3),
        category: 'land',
        level: 'district',
        description: '问题',
        responsible_unit: '市住建局',
        responsible_person: '某某',
        solution: null,
        deadline: isoDay(d.pick(REPORT_MONTHS), 20),
        status: d.pick(['open', 'assigned', 'supervised', 'resolved', 'closed']),
        closed_on: null,
        notices: 0,
        interviews: 0
      });
    }
  }
  return { projects, monthly, problems, points, names };
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** A value as a SQL literal of the column's type; doubles through text, which DuckDB parses exactly. */
function sqlValue(spec: ColumnSpec, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (spec.type) {
    case 'VARCHAR':
      return quote(String(value));
    case 'DECIMAL(18,2)': {
      const c = (value as Money).cents;
      const sign = c < 0n ? '-' : '';
      const abs = c < 0n ? -c : c;
      return `CAST('${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}' AS DECIMAL(18,2))`;
    }
    case 'DATE':
      return `DATE ${quote(String(value))}`;
    case 'DOUBLE':
      return `CAST('${String(value)}' AS DOUBLE)`;
    case 'INTEGER':
      return String(Math.trunc(Number(value)));
    case 'BOOLEAN':
      return value ? 'TRUE' : 'FALSE';
  }
}

async function createTable(connector: Connector, name: string, columns: readonly ColumnSpec[], rows: Row[]): Promise<void> {
  const exec = (sql: string) => connector.query({ type: 'exec', sql } as never);
  await exec(`CREATE OR REPLACE TABLE ${name} (${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map((r) => `(${columns.map((c) => sqlValue(c, r[c.name])).join(', ')})`);
    await exec(`INSERT INTO ${name} VALUES ${values.join(',\n')}`);
  }
}

/** Creates the fixture's projects, monthly and problems tables (in the fixture's load order). */
export async function loadParityFixture(connector: Connector, fixture: ParityFixture): Promise<void> {
  await createTable(connector, 'projects', PROJECT_COLUMNS, fixture.projects);
  await createTable(connector, 'monthly', MONTHLY_COLUMNS, fixture.monthly);
  await createTable(connector, 'problems', PROBLEM_COLUMNS, fixture.problems);
}
