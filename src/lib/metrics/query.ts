/**
 * Builds the metrics query for one level: facts as at the month, filtered, grouped, aggregated.
 */
import { Query, sql, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import { METRICS, metricById, metricSelect, type MetricDefinition } from './definitions.ts';
import { inputAggregate, INPUT_IDS, type InputId } from './inputs.ts';
import { projectFacts } from './facts.ts';
import { LEVEL_KEYS, type MetricLevel } from './levels.ts';
import { toMonth, type Month } from './month.ts';
import { DEFAULT_RULE_PRESET, metricRules, type MetricRules } from './preset.ts';
import type { Expr } from './sql.ts';

export interface MetricsQueryOptions {
  month: string | Month;
  /** The grouping: a level's keys, or `by` facts columns (a level's keys win when both are given). */
  level?: MetricLevel;
  by?: readonly string[];
  /** Metric ids to compute; all by default. Unknown ids throw (a programming error, not user input). */
  metrics?: readonly string[];
  rules?: MetricRules;
  internal?: boolean;
  /** Cross-filter predicate (a Selection's `predicate(client)`), applied to facts rows. */
  filter?: FilterExpr | null;
  /** FROM entry of facts already built for this month (e.g. the core's materialised table); built here when absent. */
  facts?: FactsSource;
}

/** Where facts rows come from: `{ facts: <subquery or table name> }`. */
export type FactsSource = Record<string, SelectQuery | string>;

function pick(ids: readonly string[] | undefined): readonly MetricDefinition[] {
  if (!ids) return METRICS;
  return ids.map((id) => {
    const m = metricById(id);
    if (!m) throw new RangeError(`unknown metric: ${id}`);
    return m;
  });
}

/** The facts relation the views query: a subquery, aliased `facts`. */
export function factsRelation(month: string | Month, rules: MetricRules, internal: boolean): FactsSource {
  return { facts: projectFacts({ month, rules, internal }) };
}

/**
 * SELECT <level keys>, <metrics> FROM facts WHERE in_plan AND <filter> GROUP BY <keys> ORDER BY <keys>.
 * Projects that left the plan (退出) before the month's end are not counted.
 */
export function metricsQuery(options: MetricsQueryOptions): SelectQuery {
  const { level, filter, internal = true } = options;
  const month = toMonth(options.month);
  const rules = options.rules ?? metricRules(DEFAULT_RULE_PRESET);
  const keys = level ? LEVEL_KEYS[level] : (options.by ?? []);
  const ctx = { monthIndex: month.index, rules };
  const select: Record<string, Expr> = {};
  for (const m of pick(options.metrics)) {
    if (keys.includes(m.id)) throw new RangeError(`metric ${m.id} has the name of a grouping column`);
    select[m.id] = metricSelect(m, ctx, internal);
  }
  const q = Query.from(options.facts ?? factsRelation(month, rules, internal))
    .select(...keys, select)
    .where(sql`in_plan`);
  if (filter) q.where(filter);
  return keys.length ? q.groupby(...keys).orderby(...keys) : q;
}

export interface InputsQueryOptions {
  /** Facts columns to group by (none: one row for the selection). */
  by: readonly string[];
  /** Which inputs; all by default. */
  inputs?: readonly InputId[];
  facts: FactsSource;
  filter?: FilterExpr | null;
  /** The projects in the plan at the month (default), or those that left it (退出) by then. */
  rows?: 'in_plan' | 'exited';
}

/**
 * SELECT <by>, <inputs> FROM facts WHERE in_plan AND <filter> GROUP BY <by> ORDER BY <by>: the
 * additive inputs per group, as DOUBLE (exact while a sum of cents stays below 2^53, i.e. under
 * 90 trillion 万元). Any coarser grouping is their sum, and metricValue turns it into metrics.
 */
export function inputsQuery(options: InputsQueryOptions): SelectQuery {
  const select: Record<string, Expr> = {};
  for (const id of options.inputs ?? INPUT_IDS) select[id] = sql`CAST(${inputAggregate(id)} AS DOUBLE)`;
  const q = Query.from(options.facts)
    .select(...options.by, select)
    .where(options.rows === 'exited' ? sql`NOT in_plan` : sql`in_plan`);
  if (options.filter) q.where(options.filter);
  return options.by.length ? q.groupby(...options.by).orderby(...options.by) : q;
}
