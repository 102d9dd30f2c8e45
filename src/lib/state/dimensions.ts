/**
 * The filter dimensions, defined once. The URL state (url-state.ts), the SQL clauses
 * (filters.ts), the page's filter index (db/local/) and the filter panel all read this list:
 * a new dimension is one entry here, its facts column, and its messages.
 */
import { LEVELS, MAP_PLACEMENTS, PHASES, SECTORS, SIZE_BUCKETS } from '../schema.ts';
import { RAG_VALUES } from '../metrics/investment.ts';
import type { Area } from '../queries/area.ts';

/** How a list dimension's values are named on screen. */
export type ValueLabels =
  /** A message per value: `${prefix}${value}` (phase.new …). */
  | { kind: 'message'; prefix: string }
  /** The district's name from the dataset's districts. */
  | { kind: 'district' }
  /** The value as it is (a unit's name). */
  | { kind: 'raw' }
  /** A plan batch: 'initial' or 'supplement-N'. */
  | { kind: 'batch' };

interface DimensionBase {
  /** The FilterState key. */
  id: string;
  /** URL parameter. */
  param: string;
  /** i18n key of the dimension's name. */
  label: string;
  /** Only meaningful with internal data (a public build's facts have it NULL). */
  internal: boolean;
}

export interface ListDimensionSpec extends DimensionBase {
  kind: 'list';
  /** Facts column it tests (`column IN (…)`). */
  column: string;
  /** Every value in display (and URL) order, or null when the values come from the data. */
  values: readonly string[] | null;
  labels: ValueLabels;
  /** The filter panel offers only the values the data has (and hides the dimension when that is one). */
  onlyPresent?: boolean;
}

export interface TextDimensionSpec extends DimensionBase {
  kind: 'text';
  /** Facts column holding lower(name), searched with `contains`. */
  column: string;
  maxLength: number;
}

export interface AreaDimensionSpec extends DimensionBase {
  kind: 'area';
}

export type DimensionSpec = ListDimensionSpec | TextDimensionSpec | AreaDimensionSpec;

const list = <I extends string>(
  id: I,
  param: string,
  column: string,
  values: readonly string[] | null,
  labels: ValueLabels,
  internal = false,
  onlyPresent = false
) =>
  ({ kind: 'list', id, param, column, values, labels, internal, onlyPresent, label: `filter.${id}` }) as ListDimensionSpec & {
    id: I;
    kind: 'list';
  };

/** Every dimension, in the order the filter panel shows them and the URL writes them. */
export const DIMENSIONS = [
  list('phase', 'phase', 'phase', PHASES, { kind: 'message', prefix: 'phase.' }),
  list('sector', 'sector', 'sector', SECTORS, { kind: 'message', prefix: 'sector.' }),
  list('district', 'district', 'district_code', null, { kind: 'district' }),
  list('level', 'level', 'level', LEVELS, { kind: 'message', prefix: 'level.' }),
  list(
    'size',
    'bucket',
    'size_bucket',
    SIZE_BUCKETS.map((b) => b.id),
    { kind: 'message', prefix: 'bucket.' }
  ),
  list('rag', 'rag', 'rag', RAG_VALUES, { kind: 'message', prefix: 'rag.' }, true),
  list('unit', 'unit', 'lead_unit', null, { kind: 'raw' }, true),
  list('batch', 'batch', 'batch', null, { kind: 'batch' }),
  // Usually every project is on the map: the panel shows this only when one is not.
  list('placement', 'placement', 'map_placement', MAP_PLACEMENTS, { kind: 'message', prefix: 'placement.' }, false, true),
  {
    kind: 'text',
    id: 'q',
    param: 'q',
    column: 'name_lower',
    maxLength: 100,
    internal: false,
    label: 'filter.search'
  } as TextDimensionSpec & { id: 'q'; kind: 'text' },
  { kind: 'area', id: 'area', param: 'box|lasso', internal: false, label: 'filter.area' } as AreaDimensionSpec & {
    id: 'area';
    kind: 'area';
  }
] as const satisfies readonly DimensionSpec[];

type Specs = (typeof DIMENSIONS)[number];
export type FilterDimension = Specs['id'];
export type ListDimension = Extract<Specs, { kind: 'list' }>['id'];

/** What each dimension holds: a list of values, a search text, or a map area. */
export type FilterState = {
  [S in Specs as S['id']]: S extends { kind: 'list' } ? string[] : S extends { kind: 'text' } ? string : Area | null;
};

export const FILTER_DIMENSIONS: readonly FilterDimension[] = DIMENSIONS.map((d) => d.id);

export const LIST_DIMENSION_SPECS = DIMENSIONS.filter((d): d is Extract<Specs, { kind: 'list' }> => d.kind === 'list');

export const LIST_DIMENSIONS: readonly ListDimension[] = LIST_DIMENSION_SPECS.map((d) => d.id);

/** Facts column filtered by each list dimension. */
export const LIST_COLUMNS = Object.fromEntries(LIST_DIMENSION_SPECS.map((d) => [d.id, d.column])) as Record<ListDimension, string>;

export function dimension(id: FilterDimension): DimensionSpec {
  return DIMENSIONS.find((d) => d.id === id)!;
}

export function isListDimension(id: string): id is ListDimension {
  return (LIST_DIMENSIONS as readonly string[]).includes(id);
}

export function emptyFilters(): FilterState {
  const state = {} as Record<string, unknown>;
  for (const d of DIMENSIONS) state[d.id] = d.kind === 'list' ? [] : d.kind === 'text' ? '' : null;
  return state as FilterState;
}

/** True when the dimension filters nothing. */
export function isEmptyFilter<D extends FilterDimension>(dim: D, value: FilterState[D]): boolean {
  const spec = dimension(dim);
  if (spec.kind === 'text') return !(value as string).trim();
  if (spec.kind === 'area') return value == null;
  return (value as unknown[]).length === 0;
}

/** The dimensions a state filters by, in registry order. */
export function activeDimensions(filters: FilterState): FilterDimension[] {
  return FILTER_DIMENSIONS.filter((d) => !isEmptyFilter(d, filters[d]));
}

/**
 * `next`, with `previous`'s value (the same object) for each dimension whose value did not change:
 * a view that reads one dimension (a chart's selected bars, a filter list's ticks) is not redrawn
 * when another changes. Returns `previous` itself when nothing changed.
 */
export function keepUnchanged(previous: FilterState | null, next: FilterState): FilterState {
  if (!previous) return next;
  const out = { ...next } as Record<FilterDimension, unknown>;
  let changed = false;
  for (const d of FILTER_DIMENSIONS) {
    if (JSON.stringify(previous[d]) === JSON.stringify(next[d])) out[d] = previous[d];
    else changed = true;
  }
  return changed ? (out as FilterState) : previous;
}

/**
 * A name search's needle as both engines match it: trimmed, and lower-cased one code point at a
 * time as DuckDB's lower() does (simple case mapping: 'İ' → 'i', a final 'Σ' → 'σ'), where
 * JavaScript's toLowerCase() would give 'i̇' and 'ς'. The facts' name_lower is DuckDB's lower(name).
 */
export function searchNeedle(text: string): string {
  return [...text.trim()].map((ch) => [...ch.toLowerCase()][0] ?? ch).join('');
}
