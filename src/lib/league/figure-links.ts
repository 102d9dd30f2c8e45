/**
 * The projects behind each league figure, as a link to the data page: the unit's projects (its
 * district or lead unit), narrowed to the metric's population where a filter dimension says it
 * (start rate: the new projects), at the league's month, with the per-project columns that make
 * the figure, sorted so the projects that pull it down come first. No other filter applies: the
 * league ranks every unit unfiltered, so the link replaces the user's filters.
 */
import type { InputId } from '../metrics/inputs.ts';
import type { SortKey } from '../queries/data-table.ts';
import type { Phase } from '../schema.ts';
import type { LeagueMetric, RankingSequence } from '../rules/preset-schema.ts';
import { emptyFilters, type FilterState } from '../state/dimensions.ts';
import { serialiseSortKeys } from '../views/data/data-settings.svelte.ts';

/** An input of the figure (metrics/inputs.ts) and the data-table column that shows it per project (null: the row count). */
export interface FigureInput {
  input: InputId;
  column: string | null;
}

export interface FigureLinkSpec {
  /** The metric's population by phase; null: every project of the unit. */
  phases: readonly Phase[] | null;
  /** What the figure divides by: the rows shown, or the sum of a column over them. */
  denominator: FigureInput;
  /** What it divides (null for the gap in points, which is not one ratio of two inputs). */
  numerator: FigureInput | null;
  /** The columns that make the figure, after the project's own (metricLinkColumns). */
  columns: readonly string[];
  sort: readonly SortKey[];
}

const IMPLEMENTATION: readonly Phase[] = ['new', 'continuing', 'completion'];
const asc = (id: string): SortKey => ({ id, descending: false });
const desc = (id: string): SortKey => ({ id, descending: true });

/** The metrics whose figure is a ratio of facts inputs, each shown per project by a data-page column. */
export type InputMetric = Exclude<LeagueMetric, 'approvals_on_time'>;

/** Every input metric's link: one table, so each figure's projects are chosen by one rule. */
export const FIGURE_LINKS: Record<InputMetric, FigureLinkSpec> = {
  completion_rate: {
    phases: IMPLEMENTATION,
    denominator: { input: 'plan', column: 'annual_plan' },
    numerator: { input: 'completed', column: 'completed_ytd' },
    columns: ['annual_plan', 'completed_ytd', 'completion_rate', 'gap_points'],
    sort: [asc('completion_rate'), desc('annual_plan')]
  },
  gap_points: {
    phases: IMPLEMENTATION,
    denominator: { input: 'plan', column: 'annual_plan' },
    numerator: null,
    columns: ['annual_plan', 'completed_ytd', 'completion_rate', 'elapsed_share', 'gap_points'],
    sort: [asc('gap_points'), desc('annual_plan')]
  },
  start_rate: {
    phases: ['new'],
    denominator: { input: 'new', column: null },
    numerator: { input: 'new_started', column: 'started' },
    columns: ['started', 'total_investment', 'annual_plan'],
    sort: [asc('started'), desc('total_investment')]
  },
  finish_rate: {
    phases: ['completion'],
    denominator: { input: 'completion', column: null },
    numerator: { input: 'completion_finished', column: 'finished' },
    columns: ['finished', 'total_investment', 'annual_plan'],
    sort: [asc('finished'), desc('total_investment')]
  },
  approvals_rate: {
    phases: null,
    denominator: { input: 'approvals_required', column: 'approvals_required' },
    numerator: { input: 'approvals_done', column: 'approvals_done' },
    columns: ['approvals_required', 'approvals_done', 'approvals_pending'],
    sort: [desc('approvals_pending'), desc('approvals_required')]
  },
  stat_registered_rate: {
    phases: IMPLEMENTATION,
    denominator: { input: 'implementation', column: null },
    numerator: { input: 'registered', column: 'stat_registered' },
    columns: ['stat_registered', 'total_investment', 'annual_plan'],
    sort: [asc('stat_registered'), desc('total_investment')]
  },
  problem_close_rate: {
    phases: null,
    denominator: { input: 'problems_raised', column: 'problems_raised' },
    numerator: { input: 'problems_closed', column: 'problems_closed' },
    columns: ['problems_raised', 'problems_closed', 'problems_unclosed'],
    sort: [desc('problems_unclosed'), desc('problems_raised')]
  },
  reports_late_rate: {
    phases: null,
    denominator: { input: 'projects', column: null },
    numerator: { input: 'reports_late', column: 'report_late' },
    columns: ['report_late', 'total_investment'],
    sort: [desc('report_late'), desc('total_investment')]
  }
};

/**
 * Approvals on time is judged per project against the preset's working-day limit, not a ratio of
 * facts inputs: its link shows every project of the unit with that verdict (data-table.ts, the
 * approvals columns), the overdue and the late first; the verdicts it counts make the figure.
 */
export const APPROVALS_ON_TIME_LINK: Pick<FigureLinkSpec, 'phases' | 'columns' | 'sort'> = {
  phases: null,
  columns: ['approvals_verdict', 'approvals_days', 'approvals_pending'],
  sort: [asc('approvals_verdict'), desc('approvals_days')]
};

const linkOf = (m: LeagueMetric) => (m === 'approvals_on_time' ? APPROVALS_ON_TIME_LINK : FIGURE_LINKS[m]);

/** The project's own columns: its id and name, the other sequence's unit, its phase. */
export function metricLinkColumns(metric: LeagueMetric, unit: RankingSequence['unit']): string[] {
  const other = unit === 'district' ? 'lead_unit' : 'district_name';
  return ['id', 'name', other, 'phase', ...linkOf(metric).columns];
}

/** The filters of a figure's projects: the unit, and the metric's phases; every other dimension empty. */
export function figureFilters(metric: LeagueMetric, unit: RankingSequence['unit'], key: string): FilterState {
  const filters = emptyFilters();
  if (unit === 'district') filters.district = [key];
  else filters.unit = [key];
  const phases = linkOf(metric).phases;
  if (phases) filters.phase = [...phases];
  return filters;
}

/** The data page's own parameters for a figure: its columns and sort keys. */
export function figureParams(metric: LeagueMetric, unit: RankingSequence['unit']): URLSearchParams {
  return new URLSearchParams({ cols: metricLinkColumns(metric, unit).join(','), sort: serialiseSortKeys(linkOf(metric).sort) });
}
