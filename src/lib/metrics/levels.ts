/** The levels metrics are reported at. */

export const METRIC_LEVELS = ['project', 'district', 'sector', 'unit', 'programme'] as const;
export type MetricLevel = (typeof METRIC_LEVELS)[number];

/** Grouping columns of each level (the first is the key; the others are carried labels). */
export const LEVEL_KEYS: Record<MetricLevel, readonly string[]> = {
  project: ['id', 'name', 'district_code', 'sector', 'phase'],
  district: ['district_code', 'district_name'],
  sector: ['sector'],
  // Responsible-unit level: the lead unit (first listed of 责任单位).
  unit: ['lead_unit'],
  programme: []
};
