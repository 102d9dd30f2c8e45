/**
 * The league metric "approvals on time" (按时办结率): per unit, the projects whose approvals were
 * all done within the preset's working-day limit, over those judged by the month end, i.e. done
 * (on time or late) or still pending past the limit; a project pending within its limit is not
 * counted yet. The judgement of each project is approvalLimitQuery's (`finished_on`, `over`),
 * the one the league page's plan-rules section lists; only projects in the plan at the month
 * (the facts' `in_plan`) count, as for every other league metric.
 */
import { column, literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { Month } from '../metrics/month.ts';
import type { FactsSource } from '../metrics/query.ts';
import type { ApprovalLimit, RulePreset } from '../rules/preset-schema.ts';
import { CALENDAR_YEARS } from '../rules/working-days.ts';
import { approvalLimitQuery } from './approval-limits.ts';

/** The limit the metric judges by: the preset's first approval limit (the plan's general one); none without one. */
export function onTimeLimit(preset: Pick<RulePreset, 'approval_limits'>): ApprovalLimit | undefined {
  return preset.approval_limits?.[0];
}

/** Whether the data can judge the limit: one clock over all of a project's approvals, for every project (no risk class). */
export function judgeableLimit(limit: ApprovalLimit | undefined): limit is ApprovalLimit {
  return limit !== undefined && limit.counts === 'all_approvals' && !limit.low_risk_only;
}

/**
 * One row per unit with a judged project: `unit` (the facts' `key` column), `on_time` and
 * `judged` (counts of projects), and `approvals_on_time` = on_time ÷ judged.
 */
export function approvalsOnTimeQuery(month: string | Month, limit: ApprovalLimit, key: string, facts: FactsSource): SelectQuery {
  const inPlan = Query.from(facts)
    .select({ id: column('id'), unit: column(key) })
    .where(sql`in_plan`);
  const onTime = sql`count(*) FILTER (WHERE a.finished_on IS NOT NULL AND NOT a.over)`;
  const judged = sql`count(*) FILTER (WHERE a.finished_on IS NOT NULL OR a.over)`;
  return Query.from(sql`(${approvalLimitQuery(month, limit, CALENDAR_YEARS.first)}) AS a JOIN (${inPlan}) AS f ON f.id = a.id`)
    .select({
      unit: sql`f.unit`,
      on_time: onTime,
      judged,
      approvals_on_time: sql`CASE WHEN ${judged} > ${literal(0)} THEN ${onTime} / ${judged} END`
    })
    .where(sql`f.unit IS NOT NULL`)
    .groupby(sql`f.unit`);
}
