/**
 * Small SQL expression helpers shared by the metric definitions. Identifiers here are fixed
 * schema names; every value that comes from data, presets or users goes through `literal()`.
 */
import { literal, sql, type ExprNode } from '@uwdata/mosaic-sql';
import type { Month } from './month.ts';

export type Expr = ExprNode;

/** DATE literal of a 'YYYY-MM-DD' string (validated by month.ts before it gets here). */
export function dateLiteral(isoDay: string): Expr {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) throw new RangeError(`not a date: ${isoDay}`);
  return sql`DATE ${literal(isoDay)}`;
}

export const monthStart = (m: Month): Expr => dateLiteral(m.start);
export const monthEnd = (m: Month): Expr => dateLiteral(m.end);

/**
 * Money as exact integer cents: sums of DECIMAL(18,2) stay exact, and ratios of two integers
 * are correctly rounded, so a project exactly 10 points behind is exactly -10, not -10.000000000000002.
 */
export const cents = (money: Expr): Expr => sql`CAST((${money}) * 100 AS BIGINT)`;

/** num / den as DOUBLE, NULL when den is 0 or NULL. */
export const ratio = (num: Expr, den: Expr): Expr => sql`(CAST(${num} AS DOUBLE) / NULLIF(CAST(${den} AS DOUBLE), 0))`;

/** 1 when a condition holds, else 0 (NULL counts as 0). */
export const flag = (cond: Expr): Expr => sql`CAST(coalesce(${cond}, FALSE) AS INTEGER)`;
