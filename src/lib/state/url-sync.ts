/**
 * Between the URL and the query core: a parsed URL state goes into the core in one batch, and
 * the core's state (with the page's own parts: dataset, view, encodings, map) comes back out.
 * The month is left out of the URL while it is the dataset's as-of month.
 */
import type { CoreState, QueryCore } from '../db/coordinator.ts';
import type { UrlState } from './url-state.ts';

export type PageState = Pick<UrlState, 'ds' | 'view' | 'color' | 'size' | 'map'>;

/** Sets the core's filters and month from a URL state (validated by parseUrlState). */
export function applyUrlState(core: QueryCore, state: UrlState, asOf: string): void {
  core.update({ month: state.month ?? asOf, filters: state.filters });
}

/** The URL state for the core's state plus the page's own parts. */
export function urlStateOf(core: CoreState, page: PageState, asOf: string): UrlState {
  return { ...page, month: core.month.key === asOf.slice(0, 7) ? null : core.month.key, filters: core.filters };
}
