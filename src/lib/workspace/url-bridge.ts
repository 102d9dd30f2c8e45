/**
 * Between the URL and the workspace: the shared state (dataset, month, filters) a URL holds, read
 * against what the dataset knows (its months and districts), and a page's URL written from the
 * shared state plus the page's own parameters.
 */
import type { DatasetMeta } from '../schema.ts';
import type { LoadedDataset } from '../db/load-dataset.ts';
import { availableMonths, parseMonth } from '../metrics/month.ts';
import { parseUrlState, serialiseUrlState, SHARED_PARAMS, type UrlNotice, type UrlState } from '../state/url-state.ts';
import { serialiseArea } from '../state/url-area.ts';

export type SharedState = UrlState;

/**
 * The months the dataset can show, oldest first: the facts files the pipeline wrote
 * (meta.json `facts_months`), the one rule every page and the URL follow.
 */
export function datasetMonths(meta: Pick<DatasetMeta, 'facts_months' | 'as_of' | 'years'>): string[] {
  return meta.facts_months?.length ? [...meta.facts_months] : availableMonths(meta.as_of, meta.years).map((m) => m.key);
}

/** The dataset's as-of month, 'YYYY-MM' (shown when the URL names none). */
export function asOfMonth(meta: Pick<DatasetMeta, 'as_of'>): string {
  return parseMonth(meta.as_of)!.key;
}

/** The shared state of a URL; what the dataset does not know is left out and reported. */
export function readSharedState(
  params: URLSearchParams,
  dataset: Pick<LoadedDataset, 'meta' | 'districts'>
): { state: SharedState; notices: UrlNotice[] } {
  return parseUrlState(params, {
    districts: dataset.districts.features.map((f) => f.properties.code),
    months: datasetMonths(dataset.meta)
  });
}

/**
 * The URL parameters of a page: the shared state, then the page's own parameters (any that
 * clash with a shared one are ignored), then the map area (long, so last).
 */
export function sharedParams(shared: SharedState, own: URLSearchParams): URLSearchParams {
  const params = serialiseUrlState({ ...shared, filters: { ...shared.filters, area: null } });
  for (const [key, value] of own) if (!SHARED_PARAMS.includes(key)) params.append(key, value);
  serialiseArea(shared.filters.area, params);
  return params;
}
