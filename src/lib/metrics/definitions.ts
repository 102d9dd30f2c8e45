/**
 * The plan's metrics, each defined once as an aggregate over project facts (facts.ts).
 * Project level is the same aggregate grouped by project id.
 */
import { sql } from '@uwdata/mosaic-sql';
import { completionRate, elapsedShare, gapPoints, ragStatus } from './investment.ts';
import { investmentInputsAgg } from './levels.ts';
import type { MetricRules } from './preset.ts';
import { flag, ratio, type Expr } from './sql.ts';

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
  /** Aggregate SQL over facts rows (money stays DECIMAL here; outputs are cast by metricSelect). */
  expr: (ctx: MetricContext) => Expr;
}

const count = (cond: Expr) => sql`sum(${flag(cond)})`;
const newProject = sql`phase = 'new'`;
const completionProject = sql`phase = 'completion'`;
const implementation = sql`phase <> 'preparatory'`;

const PUBLIC = new Set(['projects', 'total_investment', 'annual_plan']);

const def = (id: string, unit: MetricUnit, expr: MetricDefinition['expr']): MetricDefinition => ({
  id, unit, label: `metric.${id}`, internal: !PUBLIC.has(id), expr
});

/** Every metric, in display order. */
export const METRICS: readonly MetricDefinition[] = [
  def('projects', 'count', () => sql`count(*)`),
  def('total_investment', 'wan', () => sql`sum(total_investment)`),
  def('annual_plan', 'wan', () => sql`sum(annual_plan) FILTER (WHERE phase <> 'preparatory')`),
  def('completed_ytd', 'wan', () => sql`sum(basis_completed)`),
  def('completion_rate', 'ratio', () => completionRate(investmentInputsAgg())),
  def('elapsed_share', 'ratio', (c) => elapsedShare(investmentInputsAgg(), c.monthIndex)),
  def('gap_points', 'points', (c) => gapPoints(investmentInputsAgg(), c.monthIndex)),
  def('rag', 'rag', (c) => ragStatus(investmentInputsAgg(), c.monthIndex, c.rules.amberPoints)),
  def('new_projects', 'count', () => count(newProject)),
  def('new_started', 'count', () => count(sql`${newProject} AND started`)),
  def('start_rate', 'ratio', () => ratio(count(sql`${newProject} AND started`), count(newProject))),
  def('completion_projects', 'count', () => count(completionProject)),
  def('completion_finished', 'count', () => count(sql`${completionProject} AND finished`)),
  def('finish_rate', 'ratio', () => ratio(count(sql`${completionProject} AND finished`), count(completionProject))),
  def('approvals_required', 'count', () => sql`sum(approvals_required)`),
  def('approvals_done', 'count', () => sql`sum(approvals_done)`),
  def('approvals_rate', 'ratio', () => ratio(sql`sum(approvals_done)`, sql`sum(approvals_required)`)),
  def('stat_registered', 'count', () => count(sql`${implementation} AND stat_registered`)),
  def('stat_registered_rate', 'ratio', () => ratio(count(sql`${implementation} AND stat_registered`), count(implementation))),
  def('problems_raised', 'count', () => sql`sum(problems_raised)`),
  def('problems_closed', 'count', () => sql`sum(problems_closed)`),
  def('problems_open', 'count', () => sql`sum(problems_raised - problems_settled)`),
  def('problems_overdue', 'count', () => sql`sum(problems_overdue)`),
  def('problem_close_rate', 'ratio', () => ratio(sql`sum(problems_closed)`, sql`sum(problems_raised)`)),
  def('reports_late', 'count', () => count(sql`report_late`)),
  def('reports_late_rate', 'ratio', () => ratio(count(sql`report_late`), sql`count(*)`)),
  def('reports_late_ytd', 'count', () => sql`sum(reports_late_ytd)`)
];

export function metricById(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}

/** The metric's output expression: counts as INTEGER, money as DOUBLE (display only), NULL when not available. */
export function metricSelect(m: MetricDefinition, ctx: MetricContext, internal = true): Expr {
  if (m.internal && !internal) return sql`CAST(NULL AS ${m.unit === 'rag' ? 'VARCHAR' : m.unit === 'count' ? 'INTEGER' : 'DOUBLE'})`;
  const e = m.expr(ctx);
  if (m.unit === 'count') return sql`CAST(${e} AS INTEGER)`;
  if (m.unit === 'wan') return sql`CAST(${e} AS DOUBLE)`;
  return e;
}
