/**
 * The drill-down pages' queries (district, sector, comparison), over the month's facts filtered by
 * the context (the user's filters and the page's route scope): the month series, ranked projects,
 * open problems, and one side of a comparison. Money leaves SQL as DOUBLE only here, at output.
 */
import { and, asc, column, desc, literal, Query, sql, type ExprNode, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';
import { projectMetric } from '../metrics/facts.ts';
import { INPUT_IDS, inputRow, type InputId } from '../metrics/inputs.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import { problemOpenAt, problemOverdueAt, problemStatusAt } from '../metrics/problems.ts';
import { inputsQuery } from '../metrics/query.ts';
import { statePredicate } from '../state/filters.ts';
import type { DrillTarget } from '../state/drill.ts';
import type { QuerySpec } from '../workspace/use-query.svelte.ts';
import type { TopRows } from '../db/local/top-rows.ts';

const where = (q: SelectQuery, ...parts: (FilterExpr | undefined | null)[]) => {
  for (const p of parts) if (p !== undefined && p !== null) q.where(p);
  return q;
};

/** The inputs of completion, 序时进度 and the gap: all the month series reads (fewer columns, faster scans). */
export const SERIES_INPUTS: readonly InputId[] = ['projects', 'completed', 'plan', 'scheduled', 'unscheduled'];

/**
 * One row per month with selected projects: `month` and the summed inputs of the selected projects
 * in the plan as at that month's end, read from that month's facts (the months a client declares).
 * Each month's rows give their inputs' row values (inputs.ts `inputRow`), summed once over all
 * months: twelve aggregates of nested casts took duckdb-wasm 0.3 s to plan and run at 1k projects,
 * this 15 ms.
 */
export function seriesQuery(ctx: Pick<QueryContext, 'factsOf' | 'filter'>, months: readonly (string | Month)[]): Query | null {
  if (months.length === 0) return null;
  const parts = months.map((m) => {
    const month = toMonth(m);
    const select: Record<string, ExprNode> = { month: literal(month.key) };
    for (const id of SERIES_INPUTS) select[id] = inputRow(id);
    return where(Query.from(ctx.factsOf(month)).select(select), sql`in_plan`, ctx.filter);
  });
  const sums = Object.fromEntries(SERIES_INPUTS.map((id) => [id, sql`CAST(sum(${column(id)}) AS DOUBLE)`]));
  return Query.from({ by_month: parts.length === 1 ? parts[0] : Query.unionAll(...parts) })
    .select('month', sums)
    .groupby('month')
    .orderby('month');
}

/**
 * The month series as a client: the months declared and read from each month's facts; only the
 * month shown (a dataset too large for more) is the inputs of the selection, answered in the page
 * (its rows have no `month`: it is the month shown).
 */
export function seriesSpec(months: readonly Month[], shown: Month): QuerySpec {
  if (months.length === 1 && months[0].key === shown.key)
    return {
      local: { kind: 'inputs', inputs: SERIES_INPUTS },
      query: (ctx) => inputsQuery({ facts: ctx.facts, filter: ctx.filter, by: [], inputs: SERIES_INPUTS })
    };
  return { months: () => [...months], query: (ctx) => seriesQuery(ctx, months) };
}

/** How a list of projects is ranked. */
export type Ranking = 'behind_wan' | 'behind_points' | 'contributors';
export const RANKINGS: readonly Ranking[] = ['behind_wan', 'behind_points', 'contributors'];
/** A page's ranking when its URL names none. */
export const DEFAULT_RANKING: Ranking = 'behind_wan';

const money = (c: string) => sql`CAST(${column(c)} AS DOUBLE)`;

/** How many of a ranking's rows are shown, and how the contributors' shares are summed (answered in the page: db/local/top-rows.ts). */
export const rankingTop = (ranking: Ranking, limit: number): TopRows =>
  ranking === 'contributors' ? { limit, share: { column: 'share', of: 'completed_ytd', scale: 100 } } : { limit };

/**
 * The projects furthest behind plan (completed − planned to date, in 万元 or in points; behind only)
 * or completing the most this year (`share`: of the completed of the projects ranked; NULL for the
 * others), implementation projects only, `limit` of them. A page's base (`ctx.base`) is every such
 * project in the ranking's order, no share.
 */
export function rankingQuery(
  ctx: Pick<QueryContext, 'facts' | 'filter' | 'month' | 'rules' | 'base'>,
  ranking: Ranking,
  limit = 10
): SelectQuery {
  const gapWan = projectMetric('gap_wan', ctx.month, ctx.rules);
  const rows = Query.from(ctx.facts).select(
    'row_key',
    'id',
    'name',
    'district_code',
    'sector',
    'phase',
    'rag',
    'completion_rate',
    'elapsed_share',
    'gap_points',
    {
      annual_plan: money('annual_plan'),
      completed_ytd: money('completed_ytd'),
      gap_wan: gapWan
    }
  );
  where(rows, sql`in_plan`, sql`phase <> 'preparatory'`, ctx.filter);
  // The share's window is only asked for when it is shown: it made the other rankings twice as
  // slow at 1M projects (a district's rows are spread over every block of the facts table). It is
  // over the projects ranked (completed_ytd > 0), the rows a page's answer sums too, in cents (the
  // DOUBLE of a DECIMAL(18,2) rounds back to it) so that the sum is exact.
  const share =
    ranking === 'contributors' && !ctx.base
      ? sql`completed_ytd / NULLIF(CAST(sum(CAST(completed_ytd AS DECIMAL(38, 2))) OVER () AS DOUBLE), 0)`
      : sql`CAST(NULL AS DOUBLE)`;
  // Ranked over a subquery that names gap_wan once: written out in the filter and the order too,
  // its nested casts took duckdb-wasm 0.1 s to plan at 1k projects.
  const q = Query.from({ ranked: rows }).select('*', { share });
  if (!ctx.base) q.limit(limit);
  if (ranking === 'contributors') return q.where(sql`completed_ytd > 0`).orderby(desc('completed_ytd'), asc('id'));
  if (ranking === 'behind_points') return q.where(sql`gap_points < 0`).orderby(asc('gap_points'), asc('id'));
  return q.where(sql`gap_wan < 0`).orderby(asc('gap_wan'), asc('id'));
}

/** How many open problems are listed, and their count in all (answered in the page: db/local/top-rows.ts). */
export const openProblemsTop = (limit: number): TopRows => ({ limit, total: 'total' });

/**
 * The problems open at the month's end (metrics/problems.ts: the metrics' own rule) of the selected
 * projects in the plan, overdue first, then by deadline; `total` is how many there are in all. A
 * page's base (`ctx.base`) is every open problem of the plan's projects in that order: its cut for a
 * district is made in the page.
 */
export function openProblemsQuery(ctx: Pick<QueryContext, 'facts' | 'filter' | 'month' | 'base'>, limit = 50): SelectQuery {
  const projects = where(Query.from(ctx.facts).select('row_key', 'id', 'name'), sql`in_plan`, ctx.filter);
  // The open problems first (a fraction of the ledger), then the selection's projects.
  const open = Query.from('problems').select('*').where(problemOpenAt(ctx.month));
  const q = Query.from(sql`(${open}) AS p JOIN (${projects}) AS f ON f.id = p.project_id`)
    .select({
      row_key: sql`f.row_key`,
      id: sql`p.id`,
      project_id: sql`p.project_id`,
      project: sql`f.name`,
      category: sql`p.category`,
      level: sql`p.level`,
      description: sql`p.description`,
      status: problemStatusAt(ctx.month),
      notices: sql`p.notices`,
      interviews: sql`p.interviews`,
      deadline: sql`strftime(p.deadline, '%Y-%m-%d')`,
      overdue: problemOverdueAt(ctx.month),
      total: ctx.base ? sql`CAST(NULL AS INTEGER)` : sql`CAST(count(*) OVER () AS INTEGER)`
    })
    .orderby(desc(problemOverdueAt(ctx.month)), asc(sql`p.deadline`), asc(sql`p.id`));
  return ctx.base ? q : q.limit(limit);
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
