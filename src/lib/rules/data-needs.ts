/**
 * What each rule of a preset reads, and which of that a dataset lacks, so that a page can say
 * "this rule needs …" instead of showing zeros. Columns are named `table.column`; a column no
 * dataset schema has yet (a project's risk class) is named all the same, as what the rule needs.
 */
import { APPROVAL_KINDS, TABLES, type TableName } from '../schema.ts';
import type { DatasetMeta } from '../dataset-meta.ts';
import type { ApprovalLimit, EscalationStep, LeagueMetric, RulePreset } from './preset-schema.ts';

/** The columns a dataset has, by table; a table left out is not there at all (a public build has no monthly reports or problems). */
export type AvailableColumns = Partial<Record<TableName, readonly string[]>>;

/** A rule (its key path in the preset) and the columns it needs that the dataset lacks. */
export interface RuleDataNeed {
  rule: string;
  missing: string[];
}

const approvals = APPROVAL_KINDS.flatMap((k) => [`projects.approval_${k}`, `projects.approval_${k}_date`]);
const progress = ['projects.annual_plan', 'monthly.completed_ytd'];

/** What judging an approval limit reads. */
function approvalLimitNeeds(a: ApprovalLimit): string[] {
  const needs = [...approvals];
  // Each approval's clock starts when it was applied for; the ledger keeps only when it was granted.
  if (a.counts === 'each_approval') needs.push(...APPROVAL_KINDS.map((k) => `projects.approval_${k}_applied_on`));
  if (a.low_risk_only) needs.push('projects.risk_class');
  if (a.max_total_wan !== undefined) needs.push('projects.total_investment');
  return needs;
}

/** Named as a need when the preset has no approval limit for approvals_on_time to judge by. */
export const APPROVAL_LIMIT_RULE = 'rule_preset.approval_limits';

const METRIC_NEEDS: Record<Exclude<LeagueMetric, 'approvals_on_time'>, string[]> = {
  completion_rate: progress,
  gap_points: progress,
  start_rate: ['projects.phase', 'projects.actual_start'],
  finish_rate: ['projects.phase', 'projects.actual_completion'],
  approvals_rate: approvals,
  stat_registered_rate: ['projects.stat_registered'],
  problem_close_rate: ['problems.status', 'problems.closed_on'],
  reports_late_rate: ['monthly.reported_on']
};

/**
 * The date each step is reached must be known for the next step to count days from it or wait
 * for its month's end: it is when the first dated trigger (raised, overdue) chains on by days or
 * month ends; after a notices step it is the last notice's date, which the ledger does not keep.
 */
function escalationNeeds(steps: EscalationStep[]): string[][] {
  let dated = true;
  return steps.map((step) => {
    const needs: string[] = [];
    const when = step.when;
    if (when.kind === 'raised') needs.push('problems.raised_on');
    if (when.kind === 'overdue') needs.push('problems.deadline', 'problems.status', 'problems.closed_on');
    if (when.kind === 'notices') needs.push('problems.notices');
    if ((when.kind === 'days_at_previous_step' || when.kind === 'month_end') && !dated) needs.push('problems.last_notice_on');
    dated = when.kind !== 'notices';
    return needs;
  });
}

/** Every rule of the preset with the columns it reads (rules the preset does not have are not listed). */
export function ruleColumns(preset: RulePreset): { rule: string; needs: string[] }[] {
  const rules: { rule: string; needs: string[] }[] = [
    { rule: 'rag', needs: progress },
    { rule: 'reports', needs: ['monthly.reported_on'] }
  ];
  if (preset.plan_basis === 'monthly_targets') rules.push({ rule: 'plan_basis', needs: ['monthly.planned_ytd'] });
  preset.size_class_targets?.forEach((t, i) =>
    rules.push({
      rule: `size_class_targets[${i}]`,
      needs: [
        'projects.phase',
        'projects.total_investment',
        ...(t.target.kind === 'finish_within_year' ? ['projects.actual_completion'] : progress)
      ]
    })
  );
  preset.programme_targets?.forEach((t, i) => {
    const needs =
      t.kind === 'start_rate'
        ? ['projects.phase', 'projects.actual_start', ...(t.levels ? ['projects.level'] : [])]
        : t.kind === 'reserve_multiple'
          ? ['projects.phase', 'projects.total_investment', 'projects.annual_plan']
          : ['monthly.completed_ytd'];
    rules.push({ rule: `programme_targets[${i}]`, needs });
  });
  preset.approval_limits?.forEach((a, i) => rules.push({ rule: `approval_limits[${i}]`, needs: approvalLimitNeeds(a) }));
  if (preset.stalled)
    rules.push({
      rule: 'stalled',
      needs: [
        'projects.phase',
        'projects.actual_start',
        'monthly.completed_month',
        'monthly.physical_progress',
        ...(preset.stalled.requires_approvals_done ? approvals : [])
      ]
    });
  if (preset.missed_target_penalty) rules.push({ rule: 'missed_target_penalty', needs: ['monthly.planned_ytd', 'monthly.completed_ytd'] });
  if (preset.leader_thresholds)
    rules.push({
      rule: 'leader_thresholds',
      needs: ['projects.lead_official', 'projects.lead_official_rank', 'projects.sector', 'projects.total_investment']
    });
  preset.ranking?.sequences.forEach((s, i) =>
    rules.push({ rule: `ranking.sequences[${i}]`, needs: [s.unit === 'district' ? 'projects.district_code' : 'projects.lead_unit'] })
  );
  const metricNeeds = (m: LeagueMetric): string[] => {
    if (m !== 'approvals_on_time') return METRIC_NEEDS[m];
    // The first limit is the one league/approvals-on-time.ts judges by.
    const limit = preset.approval_limits?.[0];
    return limit ? approvalLimitNeeds(limit) : [APPROVAL_LIMIT_RULE];
  };
  preset.ranking?.composite.items.forEach((item, i) =>
    rules.push({ rule: `ranking.composite.items[${i}]`, needs: metricNeeds(item.metric) })
  );
  if (preset.ranking) rules.push({ rule: 'ranking.target_met', needs: metricNeeds(preset.ranking.target_met.metric) });
  if (preset.task_notices) {
    const needs = [preset.task_notices.per === 'district' ? 'projects.district_code' : 'projects.lead_unit'];
    if (preset.task_notices.items.includes('lagging_approvals')) needs.push(...approvals);
    if (preset.task_notices.items.includes('unregistered')) needs.push('projects.stat_registered');
    rules.push({ rule: 'task_notices', needs });
  }
  if (preset.escalation)
    escalationNeeds(preset.escalation.steps).forEach((needs, i) => rules.push({ rule: `escalation.steps[${i}]`, needs }));
  return rules;
}

/** The rules of `preset` that need columns `available` lacks, each with what is missing. */
export function ruleDataNeeds(preset: RulePreset, available: AvailableColumns): RuleDataNeed[] {
  const has = (qualified: string) => {
    if (qualified === APPROVAL_LIMIT_RULE) return false;
    const [table, column] = qualified.split('.') as [TableName, string];
    return available[table]?.includes(column) ?? false;
  };
  return ruleColumns(preset)
    .map(({ rule, needs }) => ({ rule, missing: [...new Set(needs)].filter((c) => !has(c)) }))
    .filter((n) => n.missing.length > 0);
}

/** The columns a dataset as loaded has: every table's schema columns, or a public build's public project columns only. */
export function datasetColumns(meta: Pick<DatasetMeta, 'public'>): AvailableColumns {
  const names = (table: TableName, publicOnly = false) =>
    TABLES[table].columns.filter((c) => !publicOnly || c.visibility === 'public').map((c) => c.name);
  return meta.public
    ? { projects: names('projects', true) }
    : { projects: names('projects'), monthly: names('monthly'), problems: names('problems') };
}
