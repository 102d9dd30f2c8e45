/**
 * The month series from the playback summary (playback/summary.ts: the metrics' own inputs per
 * month × district × sector, loaded once) instead of a facts file per month, when the selection
 * is made of districts and sectors only: every month of the data at once, at any size (the facts
 * path reads only the month shown above 200,000 projects). Any other filter (a phase, a search, an
 * area) needs each project's facts: the series then asks the facts as before.
 */
import { isEmptyFilter, type FilterDimension, type FilterState } from '../../state/dimensions.ts';
import { summaryInputs, type PlaybackSummary, type SummaryScope } from '../../playback/summary.ts';
import type { InputRow } from '../overview/sums.ts';
import { SERIES_INPUTS } from '../../queries/drilldown.ts';

const SUMMARY_DIMENSIONS: readonly FilterDimension[] = ['district', 'sector'];

/** Values both lists allow (a filter and the page's scope on one dimension apply together); null: no list. */
function both(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a?.length) return b?.length ? [...b] : undefined;
  if (!b?.length) return [...a];
  return a.filter((v) => b.includes(v));
}

/**
 * The districts and sectors the filters and the route's scope select, or null when anything else
 * is filtered (the summary cannot answer it). An empty list where both name values means nothing
 * is selected.
 */
export function summaryScope(filters: FilterState, scope: Partial<FilterState>): SummaryScope | null {
  for (const source of [filters, scope] as Partial<FilterState>[]) {
    for (const [dim, value] of Object.entries(source) as [FilterDimension, FilterState[FilterDimension]][]) {
      if (value === undefined || SUMMARY_DIMENSIONS.includes(dim)) continue;
      if (!isEmptyFilter(dim, value)) return null;
    }
  }
  const districts = both(filters.district, scope.district);
  const sectors = both(filters.sector, scope.sector);
  const out: SummaryScope = {};
  if (districts) out.districts = districts;
  if (sectors) out.sectors = sectors;
  return out;
}

/** The series query's rows (a month and its summed inputs), from the summary: months without a selected project have none. */
export function summarySeriesRows(summary: PlaybackSummary, scope: SummaryScope): InputRow[] {
  const nothing = (scope.districts && scope.districts.length === 0) || (scope.sectors && scope.sectors.length === 0);
  if (nothing) return [];
  const rows: InputRow[] = [];
  summary.months.forEach((month, m) => {
    const sums = summaryInputs(summary, m, scope);
    if (!sums.projects) return;
    const row: InputRow = { month };
    for (const id of SERIES_INPUTS) row[id] = sums[id] === null ? null : Number(sums[id]);
    rows.push(row);
  });
  return rows;
}
