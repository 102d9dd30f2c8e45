/**
 * Investment progress: completion rate, elapsed share (序时进度), gap in points and RAG.
 * One definition used at project level (on a facts row) and at any aggregate level (on sums).
 *
 * Inputs are integer cents:
 *   C completed YTD, P annual plan, S planned YTD where the plan gives monthly targets,
 *   U annual plan of projects without monthly targets (their elapsed share is month / 12).
 *   completion = C / P
 *   elapsed    = (12 S + i U) / (12 P)            i = month index, 1…12
 *   gap        = 100 (12 C − 12 S − i U) / (12 P)  percentage points, negative = behind
 */
import { literal, sql } from '@uwdata/mosaic-sql';
import { ratio, type Expr } from './sql.ts';

export interface InvestmentInputs {
  completed: Expr;
  plan: Expr;
  scheduled: Expr;
  unscheduled: Expr;
}

export const RAG_VALUES = ['green', 'amber', 'red'] as const;
export type Rag = (typeof RAG_VALUES)[number];

export function completionRate(x: InvestmentInputs): Expr {
  return ratio(x.completed, x.plan);
}

export function elapsedShare(x: InvestmentInputs, monthIndex: number): Expr {
  const i = literal(monthIndex);
  return ratio(sql`(12 * ${x.scheduled} + ${i} * ${x.unscheduled})`, sql`(12 * ${x.plan})`);
}

export function gapPoints(x: InvestmentInputs, monthIndex: number): Expr {
  const i = literal(monthIndex);
  return ratio(sql`(100 * (12 * ${x.completed} - 12 * ${x.scheduled} - ${i} * ${x.unscheduled}))`, sql`(12 * ${x.plan})`);
}

/** 'green' at or above plan, 'amber' up to `amberPoints` behind, 'red' beyond; NULL without a plan. */
export function ragStatus(x: InvestmentInputs, monthIndex: number, amberPoints: number): Expr {
  const gap = gapPoints(x, monthIndex);
  return sql`(CASE WHEN coalesce(${x.plan}, 0) = 0 THEN NULL WHEN ${gap} >= 0 THEN 'green' WHEN ${gap} >= ${literal(-amberPoints)} THEN 'amber' ELSE 'red' END)`;
}
