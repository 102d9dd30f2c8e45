/**
 * The problem ledger (问题台账) as at a month end, defined once: a problem counts from the day it
 * was raised; it is settled once resolved or closed out (销号) on or before the month end (a
 * missing closed_on is taken as settled already); it is open while raised and not settled, and
 * overdue when open past its deadline. The metrics (problemsAsAt) and every list of problems
 * (the project card, the ledger) use these predicates.
 */
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import type { Month } from './month.ts';
import { monthEnd, type Expr } from './sql.ts';

/** Raised on or before the month end. */
export const problemRaisedBy = (month: Month): Expr => sql`raised_on <= ${monthEnd(month)}`;

/** Resolved or closed out on or before the month end. */
export function problemSettledBy(month: Month): Expr {
  const end = monthEnd(month);
  return sql`(status IN ('resolved', 'closed') AND (closed_on IS NULL OR closed_on <= ${end}))`;
}

/** Closed out (销号) on or before the month end. */
export function problemClosedBy(month: Month): Expr {
  const end = monthEnd(month);
  return sql`(status = 'closed' AND (closed_on IS NULL OR closed_on <= ${end}))`;
}

/** Raised by the month end and not settled by then. */
export const problemOpenAt = (month: Month): Expr => sql`(${problemRaisedBy(month)} AND NOT ${problemSettledBy(month)})`;

/** Open at the month end and past its deadline. */
export const problemOverdueAt = (month: Month): Expr => sql`(${problemOpenAt(month)} AND deadline < ${monthEnd(month)})`;

/** Days ahead of the month end within which an open problem's deadline counts as due soon. */
export const DUE_SOON_DAYS = 7;

/** Open at the month end, not yet overdue, and due within `days` days after it. */
export function problemDueSoonAt(month: Month, days = DUE_SOON_DAYS): Expr {
  const end = monthEnd(month);
  return sql`(${problemOpenAt(month)} AND deadline >= ${end} AND deadline <= ${end} + ${literal(days)})`;
}

/**
 * The status as at the month end. The ledger records only each problem's latest status: it holds
 * for a problem settled by the month end or still unsettled; one settled after the month end was
 * still being handled then, 督办 (supervised) if it was overdue, otherwise 交办 (assigned).
 */
export function problemStatusAt(month: Month): Expr {
  return sql`(CASE WHEN ${problemSettledBy(month)} OR status NOT IN ('resolved', 'closed') THEN status
    WHEN deadline < ${monthEnd(month)} THEN 'supervised' ELSE 'assigned' END)`;
}

/** Days from being raised to the month end, or to being settled when that came first and is known. */
export function problemAgeAt(month: Month): Expr {
  const end = monthEnd(month);
  return sql`CAST(date_diff('day', raised_on, CASE WHEN ${problemSettledBy(month)} AND closed_on IS NOT NULL THEN closed_on ELSE ${end} END) AS INTEGER)`;
}

/** One row per project: problems_raised, problems_closed (销号), problems_settled, problems_overdue. */
export function problemsAsAt(month: Month) {
  const end = monthEnd(month);
  return Query.from('problems')
    .select({
      project_id: 'project_id',
      problems_raised: sql`count(*)`,
      problems_closed: sql`count(*) FILTER (WHERE ${problemClosedBy(month)})`,
      problems_settled: sql`count(*) FILTER (WHERE ${problemSettledBy(month)})`,
      problems_overdue: sql`count(*) FILTER (WHERE NOT ${problemSettledBy(month)} AND deadline < ${end})`
    })
    .where(problemRaisedBy(month))
    .groupby('project_id');
}
