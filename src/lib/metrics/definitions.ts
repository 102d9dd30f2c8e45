/**
 * The plan's metrics, each defined once as a formula over additive inputs (inputs.ts): the same
 * definition gives DuckDB's aggregate at any level, the per-project value in the facts, and the
 * page's answers from summed inputs (db/local/), so the engines cannot disagree on a rule.
 */
import { sql } from '@uwdata/mosaic-sql';
import { jsOps, sqlOps, type Formula, type Value } from './formula.ts';
import { inputAggregate, type InputId } from './inputs.ts';
import { DEFAULT_RULE_PRESET, type MetricRules } from './preset.ts';
import type { Expr } from './sql.ts';

export type MetricUnit = 'ratio' | 'points' | 'count' | 'wan' | 'rag';

export interface MetricContext {
  monthIndex: number;
  rules: MetricRules;
}

export interface MetricDefinition {
  id: string;
  unit: MetricUnit;
  /** i18n key of the metric's name. */
  label: string;
  /** Needs internal data (monthly reports, problems, internal columns): NULL in a public build. */
  internal: boolean;
  /** The inputs the formula reads. */
  inputs: readonly InputId[];
  formula: Formula;
}

/** 序时进度: (12 S + i U) / (12 P); metrics/investment.ts explains the inputs. */
const elapsed: Formula = (o) =>
  o.ratio(o.add(o.mul(o.num(12), o.input('scheduled')), o.mul(o.num(o.month), o.input('unscheduled'))), o.mul(o.num(12), o.input('plan')));
/** Completion minus 序时进度 in percentage points: 100 (12 C − 12 S − i U) / (12 P). */
const gap: Formula = (o) =>
  o.ratio(
    o.mul(
      o.num(100),
      o.sub(
        o.sub(o.mul(o.num(12), o.input('completed')), o.mul(o.num(12), o.input('scheduled'))),
        o.mul(o.num(o.month), o.input('unscheduled'))
      )
    ),
    o.mul(o.num(12), o.input('plan'))
  );
/**
 * Completed minus planned to date, in 万元 (negative = behind): the gap in money, 100 × the gap in
 * points × the plan. (12 C − 12 S − i U) / 12 cents; 0 without a plan, where the points are NULL.
 */
const gapWan: Formula = (o) =>
  o.wan(
    o.ratio(
      o.sub(
        o.sub(o.mul(o.num(12), o.input('completed')), o.mul(o.num(12), o.input('scheduled'))),
        o.mul(o.num(o.month), o.input('unscheduled'))
      ),
      o.num(12)
    )
  );

/** Completion as a share of 序时进度: 12 C / (12 S + i U) (the Wuhan-style RAG). */
const ofElapsed: Formula = (o) =>
  o.ratio(
    o.mul(o.num(12), o.input('completed')),
    o.add(o.mul(o.num(12), o.input('scheduled')), o.mul(o.num(o.month), o.input('unscheduled')))
  );

const PUBLIC = new Set(['projects', 'total_investment', 'annual_plan']);

/** The inputs a formula reads, found by evaluating it once with a recording algebra. */
function inputsOf(formula: Formula): InputId[] {
  const seen = new Set<InputId>();
  formula(jsOps((id) => (seen.add(id), 1n), 1, DEFAULT_RULE_PRESET.rag));
  return [...seen];
}

const def = (id: string, unit: MetricUnit, formula: Formula): MetricDefinition => ({
  id,
  unit,
  label: `metric.${id}`,
  internal: !PUBLIC.has(id),
  inputs: inputsOf(formula),
  formula
});
const count = (id: string, input: InputId) => def(id, 'count', (o) => o.int(o.input(input)));
const rate = (id: string, num: InputId, den: InputId) => def(id, 'ratio', (o) => o.ratio(o.input(num), o.input(den)));

/** Every metric, in display order. */
export const METRICS: readonly MetricDefinition[] = [
  count('projects', 'projects'),
  def('total_investment', 'wan', (o) => o.wan(o.input('total'))),
  def('annual_plan', 'wan', (o) => o.wan(o.input('annual'))),
  def('completed_ytd', 'wan', (o) => o.wan(o.input('completed'))),
  rate('completion_rate', 'completed', 'plan'),
  def('elapsed_share', 'ratio', elapsed),
  def('gap_points', 'points', gap),
  def('gap_wan', 'wan', gapWan),
  def('rag', 'rag', (o) => o.rag(gap(o), o.input('plan'), ofElapsed(o))),
  count('new_projects', 'new'),
  count('new_started', 'new_started'),
  rate('start_rate', 'new_started', 'new'),
  count('completion_projects', 'completion'),
  count('completion_finished', 'completion_finished'),
  rate('finish_rate', 'completion_finished', 'completion'),
  count('approvals_required', 'approvals_required'),
  count('approvals_done', 'approvals_done'),
  rate('approvals_rate', 'approvals_done', 'approvals_required'),
  count('stat_registered', 'registered'),
  rate('stat_registered_rate', 'registered', 'implementation'),
  count('problems_raised', 'problems_raised'),
  count('problems_closed', 'problems_closed'),
  count('problems_open', 'problems_open'),
  count('problems_overdue', 'problems_overdue'),
  rate('problem_close_rate', 'problems_closed', 'problems_raised'),
  count('reports_late', 'reports_late'),
  rate('reports_late_rate', 'reports_late', 'projects'),
  count('reports_late_ytd', 'reports_late_ytd')
];

/** The KPI strip's figures, in display order: the command map's, the playback's at each month, the war room's. */
export const KPI_STRIP_METRICS = [
  'projects',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'rag',
  'new_projects',
  'new_started',
  'start_rate'
] as const;

export function metricById(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}

/** The metric as a DuckDB aggregate over facts rows; NULL (typed) when internal data is not there. */
export function metricSelect(m: MetricDefinition, ctx: MetricContext, internal = true): Expr {
  if (m.internal && !internal) return sql`CAST(NULL AS ${m.unit === 'rag' ? 'VARCHAR' : m.unit === 'count' ? 'INTEGER' : 'DOUBLE'})`;
  return m.formula(sqlOps(inputAggregate, ctx.monthIndex, ctx.rules.rag));
}

/** The metric's value from summed inputs (cents and counts), exactly as metricSelect computes it. */
export function metricValue(m: MetricDefinition, inputs: (id: InputId) => bigint | null, ctx: MetricContext, internal = true): Value {
  if (m.internal && !internal) return null;
  return m.formula(jsOps(inputs, ctx.monthIndex, ctx.rules.rag));
}
