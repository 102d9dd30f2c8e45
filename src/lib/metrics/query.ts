/**
 * Builds the metrics query for one level: facts as at the month, filtered, grouped, aggregated.
 */
import { Query, sql, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import { METRICS, metricById, metricSelect, type MetricDefinition } from './definitions.ts';
import { projectFacts } from './facts.ts';
import { LEVEL_KEYS, type MetricLevel } from './levels.ts';
import { toMonth, type Month } from './month.ts';
import { DEFAULT_RULE_PRESET, metricRules, type MetricRules } from './preset.ts';
import type { Expr } from './sql.ts';

export interface MetricsQueryOptions {
  month: string | Month;
  level: MetricLevel;
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
  const keys = LEVEL_KEYS[level];
  const ctx = { monthIndex: month.index, rules };
  const select: Record<string, Expr> = {};
  for (const m of pick(options.metrics)) select[m.id] = metricSelect(m, ctx, internal);
  const q = Query.from(options.facts ?? factsRelation(month, rules, internal))
    .select(...keys, select)
    .where(sql`in_plan`);
  if (filter) q.where(filter);
  return keys.length ? q.groupby(...keys).orderby(...keys) : q;
}
