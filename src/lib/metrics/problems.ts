/**
 * The problem ledger (问题台账) per project as at a month end. A problem counts from the day it
 * was raised; it is settled once resolved or closed out (销号) on or before the month end
 * (a missing closed_on is taken as settled already); it is overdue when unsettled past its deadline.
 */
import { Query, sql } from '@uwdata/mosaic-sql';
import type { Month } from './month.ts';
import { monthEnd } from './sql.ts';

/** One row per project: problems_raised, problems_closed (销号), problems_settled, problems_overdue. */
export function problemsAsAt(month: Month) {
  const end = monthEnd(month);
  const settledBy = sql`(closed_on IS NULL OR closed_on <= ${end})`;
  const settled = sql`status IN ('resolved', 'closed') AND ${settledBy}`;
  return Query.from('problems')
    .select({
      project_id: 'project_id',
      problems_raised: sql`count(*)`,
      problems_closed: sql`count(*) FILTER (WHERE status = 'closed' AND ${settledBy})`,
      problems_settled: sql`count(*) FILTER (WHERE ${settled})`,
      problems_overdue: sql`count(*) FILTER (WHERE NOT (${settled}) AND deadline < ${end})`
    })
    .where(sql`raised_on <= ${end}`)
    .groupby('project_id');
}
