/**
 * The dataset schema: one definition shared by the generator, the ingest CLI, the
 * public-build script and the browser. Identifiers follow ../shared/domain.md.
 *
 * Money columns are DECIMAL(18,2) of 万元 in Parquet (exact); never sum them as floats
 * before display. Dates are DATE (no time zone); months are the DATE of the month's first day.
 *
 * `visibility` decides what a public build may ship: anything `internal` is dropped when
 * the public site is built, so people, problems and internal notes never reach an embed.
 */

export const PHASES = ['preparatory', 'new', 'continuing', 'completion'] as const;
export type Phase = (typeof PHASES)[number];

export const SECTORS = ['infrastructure', 'industry', 'livelihood', 'ecology'] as const;
export type Sector = (typeof SECTORS)[number];

export const LEVELS = ['provincial', 'city', 'county'] as const;
export type ProjectLevel = (typeof LEVELS)[number];

export const LOCATION_PRECISIONS = ['surveyed', 'geocoded', 'district'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

/**
 * Whether a project can be shown on the map (facts' `map_placement`): it has coordinates, inside
 * one of the dataset's districts; it has none; or they lie outside every district. The data
 * pipeline decides (scripts/lib/outside-districts.ts and metrics/facts.ts); the map's notice and
 * the list of the projects not on it both filter by it.
 */
export const MAP_PLACEMENTS = ['on_map', 'no_coordinates', 'outside_districts'] as const;
export type MapPlacement = (typeof MAP_PLACEMENTS)[number];
/** The placements of the projects the map cannot show. */
export const NOT_ON_MAP: readonly MapPlacement[] = ['no_coordinates', 'outside_districts'];

/** 前期手续: 立项, 用地, 规划, 环评, 能评, 施工许可 */
export const APPROVAL_KINDS = ['project', 'land', 'planning', 'eia', 'energy', 'construction'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_STATUSES = ['done', 'in_progress', 'pending', 'not_required'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const PROBLEM_CATEGORIES = ['land', 'demolition', 'funding', 'approvals', 'environment', 'utilities', 'materials', 'other'] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** Escalation ladder, lowest first (Guiyang: district → city task force → city government → province). */
export const PROBLEM_LEVELS = ['owner', 'district', 'city_taskforce', 'city_government', 'province'] as const;
export type ProblemLevel = (typeof PROBLEM_LEVELS)[number];

/** 交办 assigned, 督办 supervised, 销号 closed (only when the owner confirms satisfaction). */
export const PROBLEM_STATUSES = ['open', 'assigned', 'supervised', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Size buckets by total investment in 万元; upper bound exclusive. */
export const SIZE_BUCKETS = [
  { id: 'lt1000', min: 0, max: 1000 },
  { id: '1000_3000', min: 1000, max: 3000 },
  { id: '3000_5000', min: 3000, max: 5000 },
  { id: '5000_10000', min: 5000, max: 10000 },
  { id: '1e4_1e5', min: 10000, max: 100000 },
  { id: 'ge1e5', min: 100000, max: Infinity }
] as const;
export type SizeBucket = (typeof SIZE_BUCKETS)[number]['id'];

export function sizeBucketOf(totalInvestmentWan: number): SizeBucket {
  for (const b of SIZE_BUCKETS) if (totalInvestmentWan >= b.min && totalInvestmentWan < b.max) return b.id;
  return 'lt1000';
}

export type Visibility = 'public' | 'internal';
export type ColumnType = 'VARCHAR' | 'DECIMAL(18,2)' | 'DATE' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
/** A column type as DuckDB names it: a source column's, or BIGINT (the facts' counts of rows). */
export type SqlType = ColumnType | 'BIGINT';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
  visibility: Visibility;
  /** Allowed values for enumerated VARCHAR columns. */
  values?: readonly string[];
}

const col = (
  name: string,
  type: ColumnType,
  visibility: Visibility,
  opts: { nullable?: boolean; values?: readonly string[] } = {}
): ColumnSpec => ({ name, type, visibility, nullable: opts.nullable ?? false, values: opts.values });

const approvalColumns = APPROVAL_KINDS.flatMap((k) => [
  col(`approval_${k}`, 'VARCHAR', 'internal', { values: APPROVAL_STATUSES }),
  col(`approval_${k}_date`, 'DATE', 'internal', { nullable: true })
]);

/** projects.parquet: one row per project. */
export const PROJECT_COLUMNS: readonly ColumnSpec[] = [
  col('id', 'VARCHAR', 'public'),
  col('name', 'VARCHAR', 'public'),
  col('jurisdiction', 'VARCHAR', 'public'),
  col('district_code', 'VARCHAR', 'public'),
  col('district_name', 'VARCHAR', 'public'),
  col('sector', 'VARCHAR', 'public', { values: SECTORS }),
  col('phase', 'VARCHAR', 'public', { values: PHASES }),
  col('level', 'VARCHAR', 'public', { values: LEVELS }),
  col('size_bucket', 'VARCHAR', 'public', { values: SIZE_BUCKETS.map((b) => b.id) }),
  col('total_investment', 'DECIMAL(18,2)', 'public'),
  /** Zero for preparatory projects, which carry no annual investment target. */
  col('annual_plan', 'DECIMAL(18,2)', 'public'),
  /** Investment completed before this plan year (so annual_plan ≤ total − invested_before). */
  col('invested_before', 'DECIMAL(18,2)', 'internal'),
  col('planned_start', 'DATE', 'public', { nullable: true }),
  col('planned_completion', 'DATE', 'public', { nullable: true }),
  col('actual_start', 'DATE', 'internal', { nullable: true }),
  col('actual_completion', 'DATE', 'internal', { nullable: true }),
  /** NULL when the project has no coordinates (the map says so and lists it). */
  col('lon', 'DOUBLE', 'public', { nullable: true }),
  col('lat', 'DOUBLE', 'public', { nullable: true }),
  col('location_precision', 'VARCHAR', 'public', { values: LOCATION_PRECISIONS }),
  /** GeoJSON LineString/MultiLineString (WGS-84) for linear projects (roads, pipelines), else null. */
  col('geometry', 'VARCHAR', 'public', { nullable: true }),
  /** All responsible units joined with '、'; the first is the lead unit. */
  col('responsible_units', 'VARCHAR', 'internal'),
  col('lead_unit', 'VARCHAR', 'internal'),
  col('lead_official', 'VARCHAR', 'internal', { nullable: true }),
  /** Rank of the lead official for Lishui-style thresholds: city_leader, county_leader, key_department, other_department. */
  col('lead_official_rank', 'VARCHAR', 'internal', { nullable: true }),
  col('owner', 'VARCHAR', 'public'),
  col('info_officer', 'VARCHAR', 'internal', { nullable: true }),
  col('funding_central_budget', 'DECIMAL(18,2)', 'internal'),
  col('funding_special_bonds', 'DECIMAL(18,2)', 'internal'),
  col('funding_bank_loans', 'DECIMAL(18,2)', 'internal'),
  col('funding_private_capital', 'DECIMAL(18,2)', 'internal'),
  col('funding_other', 'DECIMAL(18,2)', 'internal'),
  ...approvalColumns,
  col('stat_registered', 'BOOLEAN', 'internal'),
  /** 'initial' or 'supplement-N' (Liuzhou adds projects in batches during the year). */
  col('batch', 'VARCHAR', 'public'),
  /** Date the project left the plan through the exit mechanism (退出), else null. */
  col('exited_on', 'DATE', 'internal', { nullable: true }),
  col('description', 'VARCHAR', 'public', { nullable: true }),
  col('internal_note', 'VARCHAR', 'internal', { nullable: true })
];

/** monthly.parquet: one row per project and month from January to the as-of month. */
export const MONTHLY_COLUMNS: readonly ColumnSpec[] = [
  col('project_id', 'VARCHAR', 'internal'),
  /** First day of the reported month. */
  col('month', 'DATE', 'internal'),
  col('completed_month', 'DECIMAL(18,2)', 'internal'),
  /** Cumulative for the plan year; never decreases within a year. */
  col('completed_ytd', 'DECIMAL(18,2)', 'internal'),
  /** Planned cumulative for this month (plan's monthly targets, else annual_plan × elapsed share). */
  col('planned_ytd', 'DECIMAL(18,2)', 'internal'),
  /** 形象进度 as a percentage 0–100 of the physical works. */
  col('physical_progress', 'INTEGER', 'internal'),
  col('physical_note', 'VARCHAR', 'internal', { nullable: true }),
  /** Date the report arrived; null when it never arrived (missing report). */
  col('reported_on', 'DATE', 'internal', { nullable: true }),
  col('note', 'VARCHAR', 'internal', { nullable: true })
];

/** problems.parquet: the problem ledger (问题台账). Entirely internal. */
export const PROBLEM_COLUMNS: readonly ColumnSpec[] = [
  col('id', 'VARCHAR', 'internal'),
  col('project_id', 'VARCHAR', 'internal'),
  col('raised_on', 'DATE', 'internal'),
  col('category', 'VARCHAR', 'internal', { values: PROBLEM_CATEGORIES }),
  col('level', 'VARCHAR', 'internal', { values: PROBLEM_LEVELS }),
  col('description', 'VARCHAR', 'internal'),
  col('responsible_unit', 'VARCHAR', 'internal'),
  col('responsible_person', 'VARCHAR', 'internal'),
  col('solution', 'VARCHAR', 'internal', { nullable: true }),
  col('deadline', 'DATE', 'internal'),
  col('status', 'VARCHAR', 'internal', { values: PROBLEM_STATUSES }),
  col('closed_on', 'DATE', 'internal', { nullable: true }),
  /** 通报 issued so far. */
  col('notices', 'INTEGER', 'internal'),
  /** 约谈 held so far (after two notices the deputy head, after three the principal head). */
  col('interviews', 'INTEGER', 'internal')
];

export const TABLES = {
  projects: { file: 'projects.parquet', columns: PROJECT_COLUMNS },
  monthly: { file: 'monthly.parquet', columns: MONTHLY_COLUMNS },
  problems: { file: 'problems.parquet', columns: PROBLEM_COLUMNS }
} as const;
export type TableName = keyof typeof TABLES;

/**
 * Column-projected reads of a source table, loaded under their own name: a view that needs a few
 * columns of a large file asks for one of these, not for the table whole (the milestones' dates:
 * at 1M projects, projects.parquet whole took 80–95 s to the first chart).
 */
export const TABLE_PROJECTIONS = {
  project_dates: { of: 'projects', columns: ['id', 'planned_start', 'planned_completion', 'actual_start', 'actual_completion'] }
} as const satisfies Record<string, { of: TableName; columns: readonly string[] }>;
export type ProjectionName = keyof typeof TABLE_PROJECTIONS;
/** What a client can ask the core to load by name: a source table whole, or a projection of one. */
export type LoadableTable = TableName | ProjectionName;

const fact = <N extends string>(name: N, type: SqlType, visibility: Visibility) => ({ name, type, visibility });

/**
 * facts/<YYYY-MM>.parquet: one row per project as at the month's end, exactly the rows of
 * `projectFacts` (src/lib/metrics/facts.ts) with the dataset's rule preset, ordered by row_key.
 * The data pipeline writes one file per available month (scripts/lib/facts-files.ts), so the
 * browser loads the month it shows instead of the projects, the monthly reports and the
 * problems, and never builds the facts itself (npm run bench: at 1M projects that build was
 * duckdb-wasm's memory high-water mark and 17 s a timeline step). Each column's type is the one
 * the pipeline writes (checked there) and the browser accepts (db/column-types.ts says which
 * others can stand for it).
 */
export const FACTS_SCHEMA = [
  fact('id', 'VARCHAR', 'public'),
  fact('name', 'VARCHAR', 'public'),
  fact('district_code', 'VARCHAR', 'public'),
  fact('district_name', 'VARCHAR', 'public'),
  fact('sector', 'VARCHAR', 'public'),
  fact('phase', 'VARCHAR', 'public'),
  fact('level', 'VARCHAR', 'public'),
  fact('size_bucket', 'VARCHAR', 'public'),
  fact('lon', 'DOUBLE', 'public'),
  fact('lat', 'DOUBLE', 'public'),
  fact('total_investment', 'DECIMAL(18,2)', 'public'),
  fact('annual_plan', 'DECIMAL(18,2)', 'public'),
  fact('geometry', 'VARCHAR', 'public'),
  fact('batch', 'VARCHAR', 'public'),
  fact('location_precision', 'VARCHAR', 'public'),
  fact('row_key', 'INTEGER', 'public'),
  fact('name_lower', 'VARCHAR', 'public'),
  /** MAP_PLACEMENTS: on the map, or why not. */
  fact('map_placement', 'VARCHAR', 'public'),
  fact('lead_unit', 'VARCHAR', 'internal'),
  fact('completed_ytd', 'DECIMAL(18,2)', 'internal'),
  fact('planned_ytd', 'DECIMAL(18,2)', 'internal'),
  /** Exits (退出) are internal; a public build counts every project as in the plan. */
  fact('in_plan', 'BOOLEAN', 'internal'),
  fact('started', 'BOOLEAN', 'internal'),
  fact('finished', 'BOOLEAN', 'internal'),
  fact('approvals_required', 'INTEGER', 'internal'),
  fact('approvals_done', 'INTEGER', 'internal'),
  fact('stat_registered', 'BOOLEAN', 'internal'),
  fact('report_late', 'BOOLEAN', 'internal'),
  fact('reports_late_ytd', 'BIGINT', 'internal'),
  fact('problems_raised', 'BIGINT', 'internal'),
  fact('problems_closed', 'BIGINT', 'internal'),
  fact('problems_settled', 'BIGINT', 'internal'),
  fact('problems_overdue', 'BIGINT', 'internal'),
  fact('basis_completed', 'DECIMAL(18,2)', 'internal'),
  fact('basis_plan', 'DECIMAL(18,2)', 'internal'),
  fact('basis_scheduled', 'DECIMAL(18,2)', 'internal'),
  fact('basis_unscheduled', 'DECIMAL(18,2)', 'internal'),
  fact('completion_rate', 'DOUBLE', 'internal'),
  fact('elapsed_share', 'DOUBLE', 'internal'),
  fact('gap_points', 'DOUBLE', 'internal'),
  fact('rag', 'VARCHAR', 'internal')
] as const;

/** The facts columns, in file order. */
export const FACTS_COLUMNS = FACTS_SCHEMA.map((c) => c.name);

/** Facts columns a public build may ship with values (the others are NULL there, metrics/facts.ts). */
export function factsColumnsOf(visibility: Visibility): string[] {
  return FACTS_SCHEMA.filter((c) => c.visibility === visibility).map((c) => c.name);
}

/**
 * Rows per row group of a facts file, and per chunk the browser inserts: DuckDB's own row group
 * size, so that each insert fills one row group of the compressed table in one append. Appends of
 * a quarter of that made the compressed table re-compress its open row group: a 1M-project month
 * took 27 s to insert in duckdb-wasm instead of 9 (a probe in Node; npm run bench: 50 s instead
 * of 36 in the page).
 */
export const FACTS_ROW_GROUP_ROWS = 122_880;

/** The facts file of a month ('YYYY-MM'), relative to the dataset's folder. */
export function factsFile(monthKey: string): string {
  if (!/^\d{4}-\d{2}$/.test(monthKey)) throw new RangeError(`not a month key: ${monthKey}`);
  return `facts/${monthKey}.parquet`;
}

/**
 * Where each row group of a table's Parquet file starts and ends in its key column (the file is
 * written ordered by that key): the project card reads only the row groups that can hold one
 * project, over HTTP range requests, instead of the whole file.
 */
export interface RowGroupIndex {
  /** 'id' for projects, 'project_id' for monthly and problems. */
  key: string;
  /** Per row group, in file order: [first key, last key] (inclusive). */
  ranges: [string, string][];
}

/** Properties of each feature in districts.geojson (WGS-84 polygons). */
export interface DistrictProperties {
  code: string;
  name: string;
  name_en?: string;
  /** Label point [lon, lat] inside the polygon. */
  label: [number, number];
  target_annual_investment?: number;
  target_new_starts?: number;
}

/** The dataset's meta.json and the index of datasets: dataset-meta.ts. */
export type { DatasetIndexEntry, DatasetMeta, LeaderThreshold, PublishedFigure, PublishedTarget, RulePreset } from './dataset-meta.ts';

export function columnsOf(table: TableName, visibility?: Visibility): string[] {
  return TABLES[table].columns.filter((c) => !visibility || c.visibility === visibility).map((c) => c.name);
}
