/**
 * Completion against 序时进度 month by month, for a district or sector page: which months' facts
 * the line reads, and the line's points, each month's figures by the metrics' own formulas over
 * that month's summed inputs (sums.ts → definitions.ts), as at that month's end.
 */
import { LARGE_DATASET } from '../../db/core-options.ts';
import type { MetricRules } from '../../metrics/preset.ts';
import { toMonth } from '../../metrics/month.ts';
import { metricOf, sumRows, type InputRow } from '../overview/sums.ts';

/**
 * The months the line reads: every month of the data, unless the dataset is larger than the query
 * core keeps more than one month of (core-options.ts LARGE_DATASET: a month's facts at 1M projects
 * are ~0.1 GB of duckdb-wasm memory and ~9 s to load), where it reads the month shown only.
 */
export function seriesMonths(months: readonly string[], current: string, projects: number | null): string[] {
  if (projects !== null && projects > LARGE_DATASET) return months.includes(current) ? [current] : [];
  return [...months];
}

/** Whether the line is cut to the month shown (a dataset too large for every month at once). */
export function seriesCut(months: readonly string[], projects: number | null): boolean {
  return projects !== null && projects > LARGE_DATASET && months.length > 1;
}

export interface SeriesPoint {
  /** 'YYYY-MM' */
  month: string;
  projects: number;
  completion: number | null;
  elapsed: number | null;
  gap: number | null;
}

/**
 * One point per month read, from the series query's rows (a month and its summed inputs; a row
 * without a month is of the month `shown`; a month without a row has no project selected), oldest
 * first. The rates are NULL for a month without an annual plan (no implementation project).
 */
export function seriesPoints(
  rows: readonly InputRow[],
  months: readonly string[],
  rules: MetricRules,
  internal: boolean,
  shown?: string
): SeriesPoint[] {
  const byMonth = new Map(rows.map((row) => [String(row.month ?? shown), row]));
  return months
    .map((key) => {
      const month = toMonth(key);
      const sums = sumRows(byMonth.has(key) ? [byMonth.get(key)!] : []);
      const ctx = { monthIndex: month.index, rules };
      const value = (id: string) => metricOf(sums, id, ctx, internal) as number | null;
      return {
        month: month.key,
        projects: Number(sums.projects ?? 0n),
        completion: value('completion_rate'),
        elapsed: value('elapsed_share'),
        gap: value('gap_points')
      };
    })
    .sort((a, b) => byCode(a.month, b.month));
}

/**
 * Strings in code-point order (DuckDB's ORDER BY). Not `localeCompare`: its first call in a page
 * makes an ICU collator, ~0.1 s of a first visit to a district's page (npm run bench, profiled).
 */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The points split where the plan year changes: year-to-date figures start again each January,
 * so a line must not join December to the next January.
 */
export function byPlanYear(points: readonly SeriesPoint[]): SeriesPoint[][] {
  const years: SeriesPoint[][] = [];
  for (const p of points) {
    const last = years.at(-1);
    if (last && last[0].month.slice(0, 4) === p.month.slice(0, 4)) last.push(p);
    else years.push([p]);
  }
  return years;
}
