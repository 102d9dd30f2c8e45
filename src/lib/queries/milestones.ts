/**
 * The milestones' (Gantt chart's) queries: the selected projects' planned and actual start and
 * completion, their slip in days as at the month end, and their order (by group, worst slip first).
 *
 * Dates come from projects.parquet's date columns alone (MILESTONE_DATES_TABLE; the facts carry none); whether a project has started or
 * finished by the month end is the facts' own `started` / `finished` (metrics/facts.ts), so an
 * actual date after the month end is not drawn as done. A public build has neither flag: its
 * projects show their planned dates only and no slip.
 */
import { asc, column, desc, literal, Query, sql, type ExprNode, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';
import { monthEnd } from '../metrics/sql.ts';
import { SECTORS, type ProjectionName } from '../schema.ts';
import { SLIP_CLASSES, slipClassSql, type SlipClass } from '../views/milestones/slip.ts';

/** How the chart groups its rows. */
export type MilestoneGrouping = 'district' | 'sector';
export const MILESTONE_GROUPINGS: readonly MilestoneGrouping[] = ['district', 'sector'];

/** The facts column each grouping keys its rows by. */
export const GROUP_COLUMN: Record<MilestoneGrouping, string> = { district: 'district_code', sector: 'sector' };

/** The projects table's columns the chart reads. */
export const MILESTONE_DATE_COLUMNS = ['planned_start', 'planned_completion', 'actual_start', 'actual_completion'] as const;
/** Where they are: the projects' ids and dates read alone (schema.ts TABLE_PROJECTIONS), a client's `tables`. */
export const MILESTONE_DATES_TABLE: ProjectionName = 'project_dates';

/** Days since 1970-01-01 of a date column (NULL stays NULL): small integers the canvas turns into x. */
const epochDay = (e: ExprNode) => sql`CAST(date_diff('day', DATE '1970-01-01', ${e}) AS INTEGER)`;

/**
 * A milestone's slip in days as at `end` (over d.<planned>, d.<actual> and the facts' flag `done`):
 * reached: actual − planned (negative when early); not reached and past due: end − planned (it
 * slips further every day); not due yet, or unknown (no planned date, a public build): NULL.
 */
export function milestoneSlip(planned: string, actual: string, done: string, end: ExprNode): ExprNode {
  const p = column(planned, 'd');
  return sql`(CASE WHEN ${p} IS NULL OR ${column(done, 'f')} IS NULL THEN NULL
    WHEN ${column(done, 'f')} THEN date_diff('day', ${p}, ${column(actual, 'd')})
    WHEN ${p} < ${end} THEN date_diff('day', ${p}, ${end}) END)`;
}

/** The project's slip: the worse of its start's and its completion's (NULL when neither is due). */
export function projectSlip(ctx: Pick<QueryContext, 'month'>): ExprNode {
  const end = monthEnd(ctx.month);
  return sql`CAST(greatest(${milestoneSlip('planned_start', 'actual_start', 'started', end)}, ${milestoneSlip(
    'planned_completion',
    'actual_completion',
    'finished',
    end
  )}) AS INTEGER)`;
}

/**
 * The selected projects (in the plan at the month, filtered) as `f`, joined with their dates as `d`.
 * The filter is applied inside `f`, so its unqualified columns are the facts' own.
 */
function selectedWithDates(ctx: Pick<QueryContext, 'facts' | 'filter'>): ExprNode {
  const facts = Query.from(ctx.facts)
    .select('*')
    .where(sql`in_plan`);
  if (ctx.filter) facts.where(ctx.filter);
  const dates = Query.from(MILESTONE_DATES_TABLE).select('id', ...MILESTONE_DATE_COLUMNS);
  return sql`(${facts}) AS f LEFT JOIN (${dates}) AS d ON d.id = f.id`;
}

type Ctx = Pick<QueryContext, 'facts' | 'filter' | 'month'>;

/** Rows per group, in the chart's group order (the order query sorts the same way). */
export function milestoneGroupsQuery(ctx: Pick<QueryContext, 'facts' | 'filter'>, grouping: MilestoneGrouping): SelectQuery {
  const key = GROUP_COLUMN[grouping];
  const q = Query.from(ctx.facts)
    .select({
      group_key: column(key),
      group_name: sql`any_value(${column(grouping === 'district' ? 'district_name' : key)})`,
      projects: sql`CAST(count(*) AS INTEGER)`
    })
    .where(sql`in_plan`)
    .groupby(column(key))
    .orderby(asc(column(key), false));
  return ctx.filter ? q.where(ctx.filter) : q;
}

/** Every selected project's `row_key`, grouped, worst slip first within a group (no slip last), then by id. */
export function milestoneOrderQuery(ctx: Ctx, grouping: MilestoneGrouping): SelectQuery {
  return Query.from(selectedWithDates(ctx))
    .select({ row_key: column('row_key', 'f') })
    .orderby(asc(column(GROUP_COLUMN[grouping], 'f'), false), desc(projectSlip(ctx), false), asc(column('id', 'f')));
}

/** What a row of the chart draws, for the projects with these row keys (in any order); `slip_days` as at the month end. */
export function milestoneRowsQuery(ctx: Ctx, keys: ArrayLike<number>): SelectQuery {
  const f = (c: string) => column(c, 'f');
  const d = (c: string) => column(c, 'd');
  const list = Array.from(keys, (k) => literal(Math.trunc(Number(k))));
  const q = Query.from(selectedWithDates(ctx)).select({
    row_key: f('row_key'),
    id: f('id'),
    name: f('name'),
    district_code: f('district_code'),
    district_name: f('district_name'),
    sector: f('sector'),
    phase: f('phase'),
    rag: f('rag'),
    planned_start: epochDay(d('planned_start')),
    planned_completion: epochDay(d('planned_completion')),
    // The dates as the file has them (the chart judges them as at its today line, slip.ts milestonesAsAt); none in a public build.
    actual_start: sql`CASE WHEN ${f('started')} IS NOT NULL THEN ${epochDay(d('actual_start'))} END`,
    actual_completion: sql`CASE WHEN ${f('finished')} IS NOT NULL THEN ${epochDay(d('actual_completion'))} END`,
    dated: sql`${f('started')} IS NOT NULL`,
    slip_days: projectSlip(ctx)
  });
  return list.length ? q.where(sql`${f('row_key')} IN (${list.join(', ')})`) : q.where(sql`FALSE`);
}

/** The selection's earliest and latest date (the time axis), as epoch days, and its project count. */
export function milestoneExtentQuery(ctx: Pick<QueryContext, 'facts' | 'filter'>): SelectQuery {
  const d = (c: string) => column(c, 'd');
  const least = sql`least(${d('planned_start')}, ${d('actual_start')}, ${d('planned_completion')}, ${d('actual_completion')})`;
  const most = sql`greatest(${d('planned_start')}, ${d('actual_start')}, ${d('planned_completion')}, ${d('actual_completion')})`;
  return Query.from(selectedWithDates(ctx)).select({
    first_day: epochDay(sql`min(${least})`),
    last_day: epochDay(sql`max(${most})`),
    projects: sql`CAST(count(*) AS INTEGER)`
  });
}

/** Labels the export writes for stored values: a sector's name, a slip class's name (in the export's language). */
export interface MilestoneExportLabels {
  sector(value: string): string;
  slipClass(value: SlipClass): string;
}

const labelled = (raw: ExprNode, values: readonly string[], name: (v: string) => string) =>
  sql`(CASE ${raw} ${values.map((v) => `WHEN ${literal(v)} THEN ${literal(name(v))}`).join(' ')} ELSE ${raw} END)`;

/** The chart's rows for an export, in its order: dates as dates, the slip in days and its class. */
export function milestoneExportQuery(ctx: Ctx, grouping: MilestoneGrouping, labels: MilestoneExportLabels): SelectQuery {
  const f = (c: string) => column(c, 'f');
  const d = (c: string) => column(c, 'd');
  const slip = projectSlip(ctx);
  return Query.from(selectedWithDates(ctx))
    .select({
      id: f('id'),
      name: f('name'),
      district_name: f('district_name'),
      sector: labelled(f('sector'), SECTORS, labels.sector),
      planned_start: d('planned_start'),
      planned_completion: d('planned_completion'),
      actual_start: sql`CASE WHEN ${f('started')} THEN ${d('actual_start')} END`,
      actual_completion: sql`CASE WHEN ${f('finished')} THEN ${d('actual_completion')} END`,
      slip_days: slip,
      slip_class: labelled(slipClassSql(slip), SLIP_CLASSES, (v) => labels.slipClass(v as SlipClass))
    })
    .orderby(asc(column(GROUP_COLUMN[grouping], 'f'), false), desc(slip, false), asc(column('id', 'f')));
}
