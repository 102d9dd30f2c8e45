/**
 * The rule preset the metrics read (meta.json `rule_preset`), with defaults for anything a
 * dataset leaves out or gets wrong, so a bad meta.json degrades to the default rules.
 */
import type { RulePreset } from '../schema.ts';

/** Green at or above plan, amber up to 10 points behind, red beyond; reports due the 5th of the next month (Lishui). */
export const DEFAULT_RULE_PRESET: RulePreset = {
  id: 'default',
  rag_amber_points: 10,
  report_due_day: 5,
  report_due_next_month: true
};

/** The parts of a preset that change SQL. */
export interface MetricRules {
  amberPoints: number;
  dueDay: number;
  dueNextMonth: boolean;
}

const finiteIn = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/** Reads the SQL-relevant rules from a preset, falling back to the default per field. */
export function metricRules(preset: Partial<RulePreset> | null | undefined = DEFAULT_RULE_PRESET): MetricRules {
  const p = preset ?? {};
  return {
    amberPoints: finiteIn(p.rag_amber_points, 0, 100) ? p.rag_amber_points : DEFAULT_RULE_PRESET.rag_amber_points,
    dueDay: finiteIn(p.report_due_day, 1, 31) && Number.isInteger(p.report_due_day) ? p.report_due_day : DEFAULT_RULE_PRESET.report_due_day,
    dueNextMonth: typeof p.report_due_next_month === 'boolean' ? p.report_due_next_month : DEFAULT_RULE_PRESET.report_due_next_month
  };
}
