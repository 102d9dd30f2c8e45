/**
 * The parts of a rule preset that change the metrics' SQL, read from a preset that has been
 * validated (rules/validate.ts) when the dataset loaded: nothing here checks or fills in.
 */
import { DEFAULT_PRESET } from '../rules/presets/common.ts';
import type { ApprovalLimit, RagRule, RulePreset } from '../rules/preset-schema.ts';

export { DEFAULT_PRESET as DEFAULT_RULE_PRESET };

/** The parts of a preset that change SQL. */
export interface MetricRules {
  rag: RagRule;
  /** The month's planned cumulative from the project's monthly targets where it has them (else annual plan × elapsed share). */
  monthlyTargets: boolean;
  dueDay: number;
  dueNextMonth: boolean;
  /** The approval limit the league's approvals_on_time judges by (league/approvals-on-time.ts); none: the metric has no figure. */
  approvalLimit?: ApprovalLimit;
}

/** The SQL-relevant rules of a validated preset. */
export function metricRules(preset: RulePreset = DEFAULT_PRESET): MetricRules {
  return {
    rag: preset.rag,
    monthlyTargets: preset.plan_basis === 'monthly_targets',
    dueDay: preset.reports.due_day,
    dueNextMonth: preset.reports.due_month === 'next',
    approvalLimit: preset.approval_limits?.[0]
  };
}

/** Points behind plan beyond which a project is red, for legends and colour scales; null when the preset judges by share. */
export function redBeyondPoints(rules: MetricRules): number | null {
  return rules.rag.basis === 'points_behind' ? rules.rag.amber_max_points_behind : null;
}
