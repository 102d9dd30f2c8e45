/** The plan's metrics as SQL: see README "Query core" for the definitions. */
export {
  METRICS,
  metricById,
  metricSelect,
  metricValue,
  type MetricDefinition,
  type MetricUnit,
  type MetricContext
} from './definitions.ts';
export { INPUTS, INPUT_IDS, PAGE_INPUTS, inputAggregate, type InputId, type PageInputId } from './inputs.ts';
export { projectFacts, type FactsOptions } from './facts.ts';
export { RAG_VALUES, type Rag } from './investment.ts';
export { METRIC_LEVELS, LEVEL_KEYS, type MetricLevel } from './levels.ts';
export { parseMonth, monthOf, toMonth, monthsUpTo, availableMonths, isAvailableMonth, type Month } from './month.ts';
export { DEFAULT_RULE_PRESET, metricRules, type MetricRules } from './preset.ts';
export { metricsQuery, factsRelation, type MetricsQueryOptions, type FactsSource } from './query.ts';
export { reportDueDate, reportLate } from './reports.ts';
