/**
 * The league metric "approvals on time" (按时办结率), per unit: the projects whose approvals were
 * all done within the preset's working-day limit, over those judged by the month end, i.e. done
 * (on time or late) or still pending past the limit; a project pending within its limit is not
 * counted yet. Each project's verdict (`approvalVerdictsQuery`) is the one judgement behind the
 * unit's figure and the data page's column of it; it reads approvalLimitQuery's `finished_on` and
 * `over`, the judgement the league page's plan-rules section lists. Only projects in the plan at
 * the month (the facts' `in_plan`) count, as for every other league metric.
 */
import { column, literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { Month } from '../metrics/month.ts';
import type { FactsSource } from '../metrics/query.ts';
import type { ApprovalLimit, RulePreset } from '../rules/preset-schema.ts';
import { CALENDAR_YEARS } from '../rules/working-days.ts';
import { approvalLimitQuery } from './approval-limits.ts';
import { literalList } from './literal-list.ts';

/** The limit the metric judges by: the preset's first approval limit (the plan's general one); none without one. */
export function onTimeLimit(preset: Pick<RulePreset, 'approval_limits'>): ApprovalLimit | undefined {
  return preset.approval_limits?.[0];
}

/** Whether the data can judge the limit: one clock over all of a project's approvals, for every project (no risk class). */
export function judgeableLimit(limit: ApprovalLimit | undefined): limit is ApprovalLimit {
  return limit !== undefined && limit.counts === 'all_approvals' && !limit.low_risk_only;
}

/**
 * A project's verdict at the month end, the worst first: still pending past the limit, done past
 * it, pending within it (not judged yet), done within it.
 */
export const APPROVAL_VERDICTS = ['overdue', 'late', 'pending', 'on_time'] as const;
export type ApprovalVerdict = (typeof APPROVAL_VERDICTS)[number];
/** The verdicts a unit's figure counts (its denominator); `on_time` is its numerator. */
export const JUDGED_VERDICTS: readonly ApprovalVerdict[] = ['overdue', 'late', 'on_time'];

/**
 * One row per project whose 立项 is dated by the month end: `id`, `approvals_verdict` (an
 * APPROVAL_VERDICTS value) and `approvals_days`, the working days used (to the last approval, or
 * to the month end while some are outstanding). `ids`: of those projects only.
 */
export function approvalVerdictsQuery(month: string | Month, limit: ApprovalLimit, ids?: SelectQuery): SelectQuery {
  const is = (v: ApprovalVerdict) => literal(v);
  const verdict = sql`CASE
    WHEN a.finished_on IS NULL AND a.over THEN ${is('overdue')}
    WHEN a.finished_on IS NOT NULL AND a.over THEN ${is('late')}
    WHEN a.finished_on IS NULL THEN ${is('pending')}
    ELSE ${is('on_time')} END`;
  return Query.from(sql`(${approvalLimitQuery(month, limit, CALENDAR_YEARS.first, ids)}) AS a`).select({
    id: sql`a.id`,
    approvals_verdict: verdict,
    approvals_days: sql`a.working_days`
  });
}

/**
 * One row per unit with a judged project: `unit` (the facts' `key` column), `on_time` and
 * `judged` (counts of projects), and `approvals_on_time` = on_time ÷ judged.
 */
export function approvalsOnTimeQuery(month: string | Month, limit: ApprovalLimit, key: string, facts: FactsSource): SelectQuery {
  const inPlan = Query.from(facts)
    .select({ id: column('id'), unit: column(key) })
    .where(sql`in_plan`);
  const onTime = sql`count(*) FILTER (WHERE a.approvals_verdict = ${literal('on_time')})`;
  const judged = sql`count(*) FILTER (WHERE a.approvals_verdict IN (${literalList(JUDGED_VERDICTS)}))`;
  return Query.from(sql`(${approvalVerdictsQuery(month, limit)}) AS a JOIN (${inPlan}) AS f ON f.id = a.id`)
    .select({
      unit: sql`f.unit`,
      on_time: onTime,
      judged,
      approvals_on_time: sql`CASE WHEN ${judged} > ${literal(0)} THEN ${onTime} / ${judged} END`
    })
    .where(sql`f.unit IS NOT NULL`)
    .groupby(sql`f.unit`);
}
