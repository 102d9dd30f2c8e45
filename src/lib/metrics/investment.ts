/**
 * Investment progress against plan: completion rate, elapsed share (序时进度), gap in points
 * and RAG. Their formulas are in definitions.ts (over the inputs of inputs.ts), one definition
 * for a project (a facts row), any aggregate level and the page's answers.
 *
 * Inputs are integer cents:
 *   C completed YTD, P annual plan, S planned YTD where the plan gives monthly targets,
 *   U annual plan of projects without monthly targets (their elapsed share is month / 12).
 *   completion = C / P
 *   elapsed    = (12 S + i U) / (12 P)            i = month index, 1…12
 *   gap        = 100 (12 C − 12 S − i U) / (12 P)  percentage points, negative = behind
 *   rag        = green if gap ≥ 0, amber if gap ≥ −amber points, red otherwise; none without a plan
 */

export const RAG_VALUES = ['green', 'amber', 'red'] as const;
export type Rag = (typeof RAG_VALUES)[number];
