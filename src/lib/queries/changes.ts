/**
 * What changed this month, against the month before, for the selected projects: new starts and
 * completions (the facts' `started` / `finished`), projects that turned red or recovered (the
 * facts' `rag`, the metrics' one definition), problems opened and closed (the ledger's one
 * definition: metrics/problems.ts), and the districts' rank changes (the league's own tables).
 * Each kind is counted exactly; its list is cut at CHANGE_LIST_LIMIT items.
 */
import { column, literal, Query, sql, type ExprNode, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';
import type { Month } from '../metrics/month.ts';
import { problemRaisedBy, problemSettledBy } from '../metrics/problems.ts';

export const PROJECT_CHANGES = ['started', 'completed', 'turned_red', 'recovered'] as const;
export const PROBLEM_CHANGES = ['problem_opened', 'problem_closed'] as const;
export type ChangeKind = (typeof PROJECT_CHANGES)[number] | (typeof PROBLEM_CHANGES)[number];
export const CHANGE_KINDS: readonly ChangeKind[] = [...PROJECT_CHANGES, ...PROBLEM_CHANGES];

/** Items listed per kind (the count is always whole). */
export const CHANGE_LIST_LIMIT = 100;

/** Each project change as a predicate over `c` (facts at the month) and `p` (facts at the month before; NULL for a project new to the data). */
export const PROJECT_CHANGE_RULES: Record<(typeof PROJECT_CHANGES)[number], ExprNode> = {
  started: sql`coalesce(c.started, FALSE) AND NOT coalesce(p.started, FALSE)`,
  completed: sql`coalesce(c.finished, FALSE) AND NOT coalesce(p.finished, FALSE)`,
  turned_red: sql`c.rag = 'red' AND p.rag IS DISTINCT FROM 'red'`,
  recovered: sql`p.rag = 'red' AND c.rag IS NOT NULL AND c.rag <> 'red'`
};

/** Each problem change as a predicate over a problems row: raised, or settled (no longer open), in the month and not by the month before. */
export function problemChangeRules(month: Month, before: Month): Record<(typeof PROBLEM_CHANGES)[number], ExprNode> {
  return {
    problem_opened: sql`${problemRaisedBy(month)} AND NOT ${problemRaisedBy(before)}`,
    problem_closed: sql`${problemRaisedBy(month)} AND ${problemSettledBy(month)} AND NOT ${problemSettledBy(before)}`
  };
}

export interface ChangesOptions {
  /** The month compared with (the month before the context's). */
  before: Month;
  /** The problem ledger is loaded (an internal dataset). */
  problems: boolean;
  limit?: number;
}

/**
 * One row per listed change: `kind`, `project_id`, `name`, `district_code`, `district_name`,
 * `detail` (a problem's category, a project's RAG before → now), `kind_count` (the kind's whole
 * count), ordered by kind, district and name.
 */
export function changesQuery(ctx: Pick<QueryContext, 'facts' | 'filter' | 'month' | 'factsOf'>, options: ChangesOptions): SelectQuery {
  const selected = Query.from(ctx.facts)
    .select('id', 'name', 'district_code', 'district_name', 'started', 'finished', 'rag')
    .where(sql`in_plan`);
  if (ctx.filter) selected.where(ctx.filter);
  const previous = Query.from(ctx.factsOf(options.before)).select('id', 'started', 'finished', 'rag');
  const projectRows = PROJECT_CHANGES.map(
    (kind) =>
      sql`SELECT ${literal(kind)} AS kind, c.id AS project_id, c.name, c.district_code, c.district_name,
        coalesce(p.rag, '') || '>' || coalesce(c.rag, '') AS detail
      FROM sel AS c LEFT JOIN prev AS p ON p.id = c.id WHERE ${PROJECT_CHANGE_RULES[kind]}`
  );
  const problemRows = options.problems
    ? Object.entries(problemChangeRules(ctx.month, options.before)).map(
        ([kind, rule]) =>
          sql`SELECT ${literal(kind)} AS kind, c.id AS project_id, c.name, c.district_code, c.district_name, q.category AS detail
          FROM (SELECT project_id, category FROM problems WHERE ${rule}) AS q JOIN sel AS c ON c.id = q.project_id`
      )
    : [];
  const all = [...projectRows, ...problemRows].map((s) => `(${s})`).join(' UNION ALL ');
  const counted = sql`SELECT *, CAST(count(*) OVER (PARTITION BY kind) AS INTEGER) AS kind_count,
    row_number() OVER (PARTITION BY kind ORDER BY district_code, name, project_id, detail) AS n FROM (${all})`;
  return Query.with({ sel: selected, prev: previous })
    .from({ changes: sql`(${counted})` as never })
    .select('kind', 'project_id', 'name', 'district_code', 'district_name', 'detail', 'kind_count')
    .where(sql`n <= ${literal(options.limit ?? CHANGE_LIST_LIMIT)}`)
    .orderby(column('kind'), column('n'));
}

/** The districts whose rank moved, from a league table with `rank_change` (league/league-sql.ts `leagueWithChangeQuery`). */
export function rankChangesQuery(league: SelectQuery): SelectQuery {
  return Query.from({ l: league })
    .select('unit', 'unit_name', 'composite_rank', 'previous_rank', 'rank_change')
    .where(sql`rank_change IS NOT NULL AND rank_change <> 0`)
    .orderby(sql`rank_change DESC`, column('unit'));
}
