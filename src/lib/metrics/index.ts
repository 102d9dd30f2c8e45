/** The plan's metrics as SQL: see README "Query core" for the definitions. */
export { METRICS, metricById, metricSelect, type MetricDefinition, type MetricUnit, type MetricContext } from './definitions.ts';
export { projectFacts, type FactsOptions } from './facts.ts';
export { completionRate, elapsedShare, gapPoints, ragStatus, RAG_VALUES, type Rag, type InvestmentInputs } from './investment.ts';
export { METRIC_LEVELS, LEVEL_KEYS, type MetricLevel } from './levels.ts';
export { parseMonth, monthOf, toMonth, monthsUpTo, availableMonths, isAvailableMonth, type Month } from './month.ts';
export { DEFAULT_RULE_PRESET, metricRules, type MetricRules } from './preset.ts';
export { metricsQuery, factsRelation, type MetricsQueryOptions, type FactsSource } from './query.ts';
export { reportDueDate, reportLate } from './reports.ts';
