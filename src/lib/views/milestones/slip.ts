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
