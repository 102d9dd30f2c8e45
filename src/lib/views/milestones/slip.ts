/**
 * How a slip (queries/milestones.ts `projectSlip`, in days) is judged and coloured. The thresholds
 * are the chart's own: the seeds give none for dates (their warning lights judge investment), so a
 * start or completion within half a month of plan counts as on time, more than a quarter late as
 * badly slipped.
 */
import { literal, sql, type ExprNode } from '@uwdata/mosaic-sql';
import type { Rgb } from '../../charts/colors.ts';

/** Up to this many days late is on time. */
export const ON_TIME_DAYS = 15;
/** More than this many days late is badly slipped. */
export const BADLY_SLIPPED_DAYS = 90;

export type SlipClass = 'not_due' | 'on_time' | 'slipped' | 'badly_slipped';
export const SLIP_CLASSES: readonly SlipClass[] = ['on_time', 'slipped', 'badly_slipped', 'not_due'];

/** A slip's class; NULL (nothing due yet, or unknown) is not due. */
export function slipClass(days: number | null | undefined): SlipClass {
  if (days === null || days === undefined || !Number.isFinite(days)) return 'not_due';
  if (days <= ON_TIME_DAYS) return 'on_time';
  return days <= BADLY_SLIPPED_DAYS ? 'slipped' : 'badly_slipped';
}

/** Okabe–Ito, as the RAG colours (charts/colors.ts): bluish green, orange, vermillion; grey for not due. */
export const SLIP_COLORS: Record<SlipClass, Rgb> = {
  on_time: [0, 158, 115],
  slipped: [230, 159, 0],
  badly_slipped: [213, 94, 0],
  not_due: [150, 150, 150]
};

/** slipClass as SQL over a slip in days (the same thresholds), for exports. */
export function slipClassSql(days: ExprNode): ExprNode {
  return sql`(CASE WHEN ${days} IS NULL THEN 'not_due' WHEN ${days} <= ${literal(ON_TIME_DAYS)} THEN 'on_time'
    WHEN ${days} <= ${literal(BADLY_SLIPPED_DAYS)} THEN 'slipped' ELSE 'badly_slipped' END)`;
}

/**
 * A milestone's slip in days as at epoch day `day`: queries/milestones.ts `milestoneSlip` again, over
 * the dates, for the playhead (a step draws the chart again without a query or a month's facts).
 * Reached is the facts' own rule (metrics/facts.ts: started / finished = actual date ≤ month end);
 * test/unit/milestones-queries.test.ts holds the two together.
 */
export function milestoneSlipAt(planned: number | null, actual: number | null, day: number): number | null {
  if (planned === null) return null;
  if (actual !== null && actual <= day) return actual - planned;
  return planned < day ? day - planned : null;
}

/** The dates a chart row needs: planned and actual (the actual ones as the file has them, null when not known). */
export interface MilestoneDates {
  planned_start: number | null;
  planned_completion: number | null;
  actual_start: number | null;
  actual_completion: number | null;
  /** Whether actual dates are known (not in a public build). */
  dated: boolean;
  slip_days: number | null;
}

/** A row as at epoch day `day`: actual dates after it not reached yet, the slip the worse of start's and completion's (SQL greatest). */
export function milestonesAsAt<R extends MilestoneDates>(row: R, day: number): R {
  if (!row.dated) return { ...row, actual_start: null, actual_completion: null, slip_days: null };
  const reached = (d: number | null) => (d !== null && d <= day ? d : null);
  const slips = [
    milestoneSlipAt(row.planned_start, row.actual_start, day),
    milestoneSlipAt(row.planned_completion, row.actual_completion, day)
  ];
  const known = slips.filter((v): v is number => v !== null);
  return {
    ...row,
    actual_start: reached(row.actual_start),
    actual_completion: reached(row.actual_completion),
    slip_days: known.length ? Math.max(...known) : null
  };
}
