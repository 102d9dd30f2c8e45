/**
 * The drill-down pages' queries (district, sector, comparison), over the month's facts filtered by
 * the context (the user's filters and the page's route scope): the month series, ranked projects,
 * open problems, and one side of a comparison. Money leaves SQL as DOUBLE only here, at output.
 */
import { and, asc, column, desc, literal, Query, sql, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';
import { projectMetric } from '../metrics/facts.ts';
import { INPUT_IDS, type InputId } from '../metrics/inputs.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import { problemOpenAt, problemOverdueAt } from '../metrics/problems.ts';
import { inputsQuery } from '../metrics/query.ts';
import { statePredicate } from '../state/filters.ts';
import type { DrillTarget } from '../state/drill.ts';
import { TABLE_INPUTS } from '../views/overview/sums.ts';

const where = (q: SelectQuery, ...parts: (FilterExpr | undefined | null)[]) => {
  for (const p of parts) if (p !== undefined && p !== null) q.where(p);
  return q;
};

/**
 * One row per month: `month` and the summed inputs of the selected projects in the plan as at that
 * month's end, read from that month's facts (the months a client declares).
 */
export function seriesQuery(ctx: Pick<QueryContext, 'factsOf' | 'filter'>, months: readonly (string | Month)[]): Query | null {
  if (months.length === 0) return null;
  const parts = months.map((m) => {
    const month = toMonth(m);
    const inputs = inputsQuery({ facts: ctx.factsOf(month), filter: ctx.filter, by: [], inputs: TABLE_INPUTS });
    return Query.from({ s: inputs }).select({ month: literal(month.key) }, '*');
  });
  return (parts.length === 1 ? parts[0] : Query.unionAll(...parts)).orderby('month');
}

/** How a list of projects is ranked. */
export type Ranking = 'behind_wan' | 'behind_points' | 'contributors';
export const RANKINGS: readonly Ranking[] = ['behind_wan', 'behind_points', 'contributors'];

const money = (c: string) => sql`CAST(${column(c)} AS DOUBLE)`;

/**
 * The projects furthest behind plan (completed − planned to date, in 万元 or in points; behind only)
 * or completing the most this year (`share`: of the selection's completed), implementation projects
 * only, `limit` of them. `share` is only meant for the contributors: the others' window is theirs.
 */
export function rankingQuery(ctx: Pick<QueryContext, 'facts' | 'filter' | 'month' | 'rules'>, ranking: Ranking, limit = 10): SelectQuery {
  const gapWan = projectMetric('gap_wan', ctx.month, ctx.rules);
  const q = Query.from(ctx.facts)
    .select('id', 'name', 'district_code', 'sector', 'phase', 'rag', 'completion_rate', 'elapsed_share', 'gap_points', {
      annual_plan: money('annual_plan'),
      completed_ytd: money('completed_ytd'),
      gap_wan: gapWan,
      share: sql`CAST(completed_ytd AS DOUBLE) / NULLIF(CAST(sum(completed_ytd) OVER () AS DOUBLE), 0)`
    })
    .limit(limit);
  where(q, sql`in_plan`, sql`phase <> 'preparatory'`, ctx.filter);
  if (ranking === 'contributors') return where(q, sql`completed_ytd > 0`).orderby(desc('completed_ytd'), asc('id'));
  if (ranking === 'behind_points') return where(q, sql`gap_points < 0`).orderby(asc('gap_points'), asc('id'));
  return where(q, sql`${gapWan} < 0`).orderby(asc(gapWan), asc('id'));
}

/**
 * The problems open at the month's end (metrics/problems.ts: the metrics' own rule) of the selected
 * projects in the plan, overdue first, then by deadline; `total` is how many there are in all.
 */
export function openProblemsQuery(ctx: Pick<QueryContext, 'facts' | 'filter' | 'month'>, limit = 50): SelectQuery {
  const projects = where(Query.from(ctx.facts).select('id', 'name'), sql`in_plan`, ctx.filter);
  return Query.from(sql`problems AS p JOIN (${projects}) AS f ON f.id = p.project_id`)
    .select({
      id: sql`p.id`,
      project_id: sql`p.project_id`,
      project: sql`f.name`,
      category: sql`p.category`,
      level: sql`p.level`,
      description: sql`p.description`,
      notices: sql`p.notices`,
      interviews: sql`p.interviews`,
      deadline: sql`strftime(p.deadline, '%Y-%m-%d')`,
      overdue: problemOverdueAt(ctx.month),
      total: sql`CAST(count(*) OVER () AS INTEGER)`
    })
    .where(problemOpenAt(ctx.month))
    .orderby(desc(problemOverdueAt(ctx.month)), asc(sql`p.deadline`), asc(sql`p.id`))
    .limit(limit);
}

/** The inputs a comparison reads: every metric's. */
export const COMPARE_INPUTS: readonly InputId[] = INPUT_IDS;

/**
 * One side of a comparison: the summed inputs of a district's or sector's projects at a month
 * (another month than the one shown is one the client declares), under the user's filters.
 */
export function compareSideQuery(ctx: Pick<QueryContext, 'factsOf' | 'filter'>, side: DrillTarget, month: string | Month): SelectQuery {
  const own = statePredicate({ [side.kind]: [side.key] });
  const filter = ctx.filter === undefined ? own : and(ctx.filter as never, own);
  return inputsQuery({ facts: ctx.factsOf(toMonth(month)), filter, by: [], inputs: COMPARE_INPUTS });
}
