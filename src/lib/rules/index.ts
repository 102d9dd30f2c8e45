/**
 * Rule presets: the schema (preset-schema.ts), its check (validate.ts), the five plans' presets
 * (presets/), what a preset needs of a dataset (data-needs.ts), China's working days
 * (working-days.ts) and the RAG rule in words (rag-text.ts). The SQL of the rules is in ../league/.
 */
export * from './preset-schema.ts';
export { checkPreset, formatIssue, parsePreset, PresetError, type PresetCheck, type PresetIssue } from './validate.ts';
export { datasetColumns, ruleColumns, ruleDataNeeds, type AvailableColumns, type RuleDataNeed } from './data-needs.ts';
export { addWorkingDays, CALENDAR_YEARS, calendarCovers, CalendarRangeError, isWorkday, workingDaysBetween } from './working-days.ts';
export { ragDefinition, ragLegend } from './rag-text.ts';
export * from './presets/index.ts';
