/**
 * The levels metrics are reported at, and the investment inputs at row and aggregate level.
 */
import { sql } from '@uwdata/mosaic-sql';
import type { InvestmentInputs } from './investment.ts';
import { cents } from './sql.ts';

export const METRIC_LEVELS = ['project', 'district', 'sector', 'unit', 'programme'] as const;
export type MetricLevel = (typeof METRIC_LEVELS)[number];

/** Grouping columns of each level (the first is the key; the others are carried labels). */
export const LEVEL_KEYS: Record<MetricLevel, readonly string[]> = {
  project: ['id', 'name', 'district_code', 'sector', 'phase'],
  district: ['district_code', 'district_name'],
  sector: ['sector'],
  // Responsible-unit level: the lead unit (first listed of 责任单位).
  unit: ['lead_unit'],
  programme: []
};

/** Investment inputs of one facts row. */
export function investmentInputsRow(): InvestmentInputs {
  return {
    completed: cents(sql`basis_completed`),
    plan: cents(sql`basis_plan`),
    scheduled: cents(sql`basis_scheduled`),
    unscheduled: cents(sql`basis_unscheduled`)
  };
}

/** Investment inputs summed over a group of facts rows (exact DECIMAL sums, then cents). */
export function investmentInputsAgg(): InvestmentInputs {
  return {
    completed: cents(sql`sum(basis_completed)`),
    plan: cents(sql`sum(basis_plan)`),
    scheduled: cents(sql`sum(basis_scheduled)`),
    unscheduled: cents(sql`sum(basis_unscheduled)`)
  };
}
