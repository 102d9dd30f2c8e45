/**
 * The bulletin's problems: those overdue at the month end and those past their step on the
 * preset's escalation ladder, from the ledger's own rows (queries/problems.ts, the metrics' one
 * definition of open and overdue) with the ladder's columns (queries/escalation.ts); and how many
 * overran their step. The whole programme: each owns every filter dimension.
 */
import { column, Query, sql } from '@uwdata/mosaic-sql';
import type { EscalatedProblem } from '../../bulletin/inputs.ts';
import { ledgerRowsQuery, ledgerTotalsQuery } from '../../queries/problems.ts';
import type { EscalationStep } from '../../rules/preset-schema.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';
import { emptyLedgerFilter } from '../problems/ledger-state.ts';

/** Problems listed at most in each of the two tables. */
export const ESCALATED_LIMIT = 20;

/** Overdue problems by deadline, or those that overran their step by the day their next step falls due; null for overrun without a ladder. */
export function escalatedSpec(which: 'overdue' | 'overrun', ladder: readonly EscalationStep[] | undefined): QuerySpec | null {
  const hasLadder = Boolean(ladder?.length);
  if (which === 'overrun' && !hasLadder) return null;
  return {
    owns: FILTER_DIMENSIONS,
    tables: ['problems'],
    query: (ctx) => {
      const rows = ledgerRowsQuery({ ...ctx, ladder: hasLadder ? ladder : undefined });
      const col = (name: string) => (hasLadder ? column(name) : sql`CAST(NULL AS INTEGER)`);
      return Query.from({ l: rows })
        .select('id', 'project', 'category', 'description', 'level', 'notices', 'interviews', 'overdue', {
          deadline: sql`strftime(deadline, '%Y-%m-%d')`,
          reached: col('ladder_reached'),
          next: col('ladder_next'),
          next_due: hasLadder ? sql`strftime(ladder_next_due, '%Y-%m-%d')` : sql`CAST(NULL AS VARCHAR)`,
          beyond: hasLadder ? sql`coalesce(ladder_beyond, FALSE)` : sql`FALSE`,
          overrun: hasLadder ? sql`coalesce(ladder_overrun, FALSE)` : sql`FALSE`
        })
        .where(which === 'overdue' ? sql`overdue` : sql`ladder_overrun`)
        .orderby(which === 'overdue' ? sql`deadline` : sql`ladder_reached DESC, raised_on`, sql`id`)
        .limit(ESCALATED_LIMIT);
    }
  };
}

/** How many problems overran their step (NULL without a ladder). */
export const overrunTotalSpec = (ladder: readonly EscalationStep[] | undefined): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  tables: ['problems'],
  query: (ctx) => ledgerTotalsQuery({ ...ctx, ladder }, emptyLedgerFilter())
});

/** The answer's rows typed. */
export function escalatedRows(rows: readonly Record<string, unknown>[]): EscalatedProblem[] {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    id: String(r.id),
    project: String(r.project),
    category: String(r.category),
    description: String(r.description),
    level: String(r.level),
    deadline: String(r.deadline),
    notices: Number(r.notices),
    interviews: Number(r.interviews),
    overdue: Boolean(r.overdue),
    reached: num(r.reached),
    next: num(r.next),
    next_due: r.next_due === null || r.next_due === undefined ? null : String(r.next_due),
    beyond: Boolean(r.beyond),
    overrun: Boolean(r.overrun)
  }));
}
