/**
 * Project facts as at a month: one row per project with everything the metrics, filters and
 * views read. Every metric is an aggregate over these rows, so project, district, sector,
 * unit and programme figures all come from the same definitions.
 *
 * A public build has no monthly or problems table and no internal columns; its facts keep
 * the same columns with NULLs, so every query still runs and internal metrics come out NULL.
 */
import { column, Query, sql } from '@uwdata/mosaic-sql';
import { APPROVAL_KINDS } from '../schema.ts';
import { toMonth, type Month } from './month.ts';
import { DEFAULT_RULE_PRESET, metricRules, type MetricRules } from './preset.ts';
import { problemsAsAt } from './problems.ts';
import { reportLate } from './reports.ts';
import { dateLiteral, monthEnd, monthStart, type Expr } from './sql.ts';
import { metricById } from './definitions.ts';
import { sqlOps } from './formula.ts';
import { inputRow } from './inputs.ts';

export interface FactsOptions {
  month: string | Month;
  /** Inputs other than the tables and the whole plan (facts-table.ts). */
  inputs?: FactsInputs;
  rules?: MetricRules;
  /** False for a public build (projects' public columns only). Default true. */
  internal?: boolean;
}

/**
 * Columns copied from projects as they are. `geometry` (linear projects only, NULL for the rest)
 * is here so that the map's lines need no join with the projects table on every filter change.
 */
const PROJECT_COLUMNS = [
  'id',
  'name',
  'district_code',
  'district_name',
  'sector',
  'phase',
  'level',
  'size_bucket',
  'lon',
  'lat',
  'total_investment',
  'annual_plan',
  'geometry',
  'batch',
  'location_precision'
] as const;

const zero = sql`CAST(0 AS DECIMAL(18,2))`;

function approvals(end: Expr): { required: Expr; done: Expr } {
  const req = APPROVAL_KINDS.map((k) => `CAST(p.approval_${k} <> 'not_required' AS INTEGER)`).join(' + ');
  const done = APPROVAL_KINDS.map((k) => sql`CAST(p.approval_${k} = 'done' AND coalesce(p.approval_${k}_date <= ${end}, TRUE) AS INTEGER)`);
  return { required: sql`(${req})`, done: sql`(${done.reduce((a, b) => sql`${a} + ${b}`)})` };
}

/** Internal columns: name → expression over p (projects), m (monthly as at the month), q (problems as at the month). */
function internalColumns(month: Month, rules: MetricRules): Record<string, Expr> {
  const end = monthEnd(month);
  const impl = sql`p.phase <> 'preparatory'`;
  const basis = (e: Expr) => sql`CASE WHEN ${impl} THEN ${e} ELSE ${zero} END`;
  const ap = approvals(end);
  return {
    lead_unit: sql`p.lead_unit`,
    completed_ytd: sql`coalesce(m.completed_ytd, ${zero})`,
    planned_ytd: sql`m.planned_ytd`,
    in_plan: sql`(p.exited_on IS NULL OR p.exited_on > ${end})`,
    started: sql`coalesce(p.actual_start <= ${end}, FALSE)`,
    finished: sql`coalesce(p.actual_completion <= ${end}, FALSE)`,
    approvals_required: ap.required,
    approvals_done: ap.done,
    stat_registered: sql`p.stat_registered`,
    report_late: sql`(NOT coalesce(m.reported, FALSE) OR ${reportLate(sql`m.reported_on`, monthStart(month), rules)})`,
    reports_late_ytd: sql`coalesce(m.reports_late_ytd, 0)`,
    problems_raised: sql`coalesce(q.problems_raised, 0)`,
    problems_closed: sql`coalesce(q.problems_closed, 0)`,
    problems_settled: sql`coalesce(q.problems_settled, 0)`,
    problems_overdue: sql`coalesce(q.problems_overdue, 0)`,
    basis_completed: basis(sql`coalesce(m.completed_ytd, ${zero})`),
    basis_plan: basis(sql`p.annual_plan`),
    // Without monthly targets in the preset, every project's plan runs at annual plan × elapsed share.
    basis_scheduled: basis(rules.monthlyTargets ? sql`coalesce(m.planned_ytd, ${zero})` : zero),
    basis_unscheduled: basis(
      rules.monthlyTargets ? sql`CASE WHEN m.planned_ytd IS NULL THEN p.annual_plan ELSE ${zero} END` : sql`p.annual_plan`
    )
  };
}

/** The same columns, NULL (typed) or neutral, for a public build. */
function publicColumns(): Record<string, Expr> {
  const nul = (type: string) => sql`CAST(NULL AS ${type})`;
  return {
    lead_unit: nul('VARCHAR'),
    completed_ytd: nul('DECIMAL(18,2)'),
    planned_ytd: nul('DECIMAL(18,2)'),
    in_plan: sql`TRUE`,
    started: nul('BOOLEAN'),
    finished: nul('BOOLEAN'),
    approvals_required: nul('INTEGER'),
    approvals_done: nul('INTEGER'),
    stat_registered: nul('BOOLEAN'),
    report_late: nul('BOOLEAN'),
    reports_late_ytd: nul('BIGINT'),
    problems_raised: nul('BIGINT'),
    problems_closed: nul('BIGINT'),
    problems_settled: nul('BIGINT'),
    problems_overdue: nul('BIGINT'),
    basis_completed: nul('DECIMAL(18,2)'),
    basis_plan: nul('DECIMAL(18,2)'),
    basis_scheduled: nul('DECIMAL(18,2)'),
    basis_unscheduled: nul('DECIMAL(18,2)')
  };
}

/**
 * One row per project with monthly reports from January of the month's year up to the month:
 * the month's own report (`reported` false when there is none) and the late reports so far.
 * One relation keyed by project (instead of a join with the month's rows plus a second
 * aggregate), so that the facts table's build can materialise it once and join it a slice at a
 * time (facts-table.ts).
 */
export function monthlyAsAt(month: Month, rules: MetricRules) {
  const at = sql`month = ${monthStart(month)}`;
  return Query.from('monthly')
    .select({
      project_id: 'project_id',
      reported: sql`bool_or(${at})`,
      completed_ytd: sql`any_value(completed_ytd) FILTER (WHERE ${at})`,
      planned_ytd: sql`any_value(planned_ytd) FILTER (WHERE ${at})`,
      reported_on: sql`any_value(reported_on) FILTER (WHERE ${at})`,
      reports_late_ytd: sql`count(*) FILTER (WHERE ${reportLate(sql`reported_on`, sql`month`, rules)})`
    })
    .where(sql`month BETWEEN ${dateLiteral(`${month.year}-01-01`)} AND ${monthStart(month)}`)
    .groupby('project_id');
}

/**
 * Where the facts read their inputs from. By default the tables and the aggregates above as
 * subqueries; the facts table's build (facts-table.ts) passes the aggregates materialised once
 * and one slice of the projects per statement.
 */
export interface FactsInputs {
  /** A table name, or a relation as SQL (in parentheses). */
  monthly?: string | Expr;
  problems?: string | Expr;
  /** Only the projects for which this holds (over `p`). */
  projects?: Expr;
  /**
   * A table of the ids of projects whose coordinates lie outside every district (the pipeline
   * tests them against districts.geojson, scripts/lib/outside-districts.ts). Without it, as in a
   * build from the tables alone, no project is outside.
   */
  outsideDistricts?: string;
}

/** MAP_PLACEMENTS of a project (over `p`): no finite coordinates, outside every district, or on the map. */
function mapPlacement(outsideDistricts?: string): Expr {
  const located = sql`coalesce(isfinite(p.lon) AND isfinite(p.lat), FALSE)`;
  const outside = outsideDistricts ? sql`p.id IN (SELECT id FROM ${column(outsideDistricts)})` : sql`FALSE`;
  return sql`CASE WHEN NOT ${located} THEN 'no_coordinates' WHEN ${outside} THEN 'outside_districts' ELSE 'on_map' END`;
}

/** Inner query: project columns plus internal facts. */
function baseFacts(month: Month, rules: MetricRules, internal: boolean, inputs: FactsInputs = {}) {
  const cols = internal ? internalColumns(month, rules) : publicColumns();
  const select: Record<string, Expr | string> = {};
  for (const c of PROJECT_COLUMNS) select[c] = column(c, 'p');
  // The project's row in the projects table, 0…n−1 in load order: the page's filter index
  // (db/local/) keys its typed arrays by it instead of by the text ids.
  select.row_key = sql`CAST(p.rowid AS INTEGER)`;
  select.name_lower = sql`lower(p.name)`;
  select.map_placement = mapPlacement(inputs.outsideDistricts);
  Object.assign(select, cols);
  const rows = (q: ReturnType<typeof Query.from>) => (inputs.projects ? q.where(inputs.projects) : q);
  if (!internal) return rows(Query.from({ p: 'projects' }).select(select));
  const relation = (given: string | Expr | undefined, otherwise: () => Expr) =>
    typeof given === 'string' ? column(given) : (given ?? otherwise());
  const monthly = relation(inputs.monthly, () => sql`(${monthlyAsAt(month, rules)})`);
  const problems = relation(inputs.problems, () => sql`(${problemsAsAt(month)})`);
  const from = sql`projects AS p
    LEFT JOIN ${monthly} AS m ON m.project_id = p.id
    LEFT JOIN ${problems} AS q ON q.project_id = p.id`;
  return rows(Query.from(from).select(select));
}

/**
 * Facts as at `month`: the base columns plus the project's own completion rate, elapsed share,
 * gap and RAG (so a RAG filter is a plain predicate on `rag`).
 */
export function projectFacts({ month, rules = metricRules(DEFAULT_RULE_PRESET), internal = true, inputs }: FactsOptions) {
  const m = toMonth(month);
  const own = (id: string) => projectMetric(id, m, rules);
  return Query.from({ f: baseFacts(m, rules, internal, inputs) }).select('*', {
    completion_rate: own('completion_rate'),
    elapsed_share: own('elapsed_share'),
    gap_points: own('gap_points'),
    rag: own('rag')
  });
}

/**
 * A metric of one project, over its own facts row: the programme's formula over the row's inputs
 * (how the facts' completion_rate, gap_points … are made, and any other metric a list of projects
 * shows). Unknown ids throw.
 */
export function projectMetric(id: string, month: Month, rules: MetricRules): Expr {
  const m = metricById(id);
  if (!m) throw new RangeError(`unknown metric: ${id}`);
  return m.formula(sqlOps(inputRow, month.index, rules.rag));
}
