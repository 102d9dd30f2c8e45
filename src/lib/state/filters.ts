/**
 * The cross-filter state as selection clauses: what each filter dimension (dimensions.ts)
 * becomes in SQL. Values reach SQL only through mosaic-sql literals.
 */
import { clausePoints, type MatchMetadata, type MosaicClient, type SelectionClause } from '@uwdata/mosaic-core';
import { and, column, isInDistinct, literal, sql, type ExprNode } from '@uwdata/mosaic-sql';
import { areaPredicate, type Area } from '../queries/area.ts';
import { dimension, FILTER_DIMENSIONS, isEmptyFilter, searchNeedle, type FilterDimension, type FilterState } from './dimensions.ts';

export {
  activeDimensions,
  emptyFilters,
  FILTER_DIMENSIONS,
  isEmptyFilter,
  LIST_COLUMNS,
  LIST_DIMENSIONS,
  type FilterDimension,
  type FilterState,
  type ListDimension
} from './dimensions.ts';

/** The predicate of one dimension's value, or null when it filters nothing. */
export function dimensionPredicate<D extends FilterDimension>(dim: D, value: FilterState[D]): ExprNode | null {
  if (isEmptyFilter(dim, value)) return null;
  const spec = dimension(dim);
  // name_lower is lower(name), computed once per month in the facts (npm run bench: lowering a
  // million names on every search cost more than the search).
  if (spec.kind === 'text') return sql`contains(${column(spec.column)}, ${literal(searchNeedle(value as string))})`;
  if (spec.kind === 'area') return areaPredicate(value as Area);
  return isInDistinct(
    column(spec.column),
    (value as string[]).map((v) => literal(v))
  );
}

/** Every dimension of a (partial) state ANDed: a route scope's predicate, or null when it is empty. */
export function statePredicate(state: Partial<FilterState>): ExprNode | null {
  const parts = FILTER_DIMENSIONS.flatMap((d) => {
    const v = state[d];
    return v === undefined ? [] : [dimensionPredicate(d, v as FilterState[typeof d])].filter((p): p is ExprNode => p !== null);
  });
  return parts.length ? and(...parts) : null;
}

/**
 * The clause a dimension publishes. An empty value gives a clause without predicate, which
 * removes the dimension's earlier clause from the selection. `clients` are the views that set
 * this dimension themselves and therefore are not filtered by it.
 */
export function filterClause<D extends FilterDimension>(
  dim: D,
  value: FilterState[D],
  source: object,
  clients: Set<MosaicClient>
): SelectionClause {
  const empty = isEmptyFilter(dim, value);
  const spec = dimension(dim);
  if (spec.kind === 'text') {
    const text = empty ? null : (value as string).trim();
    const predicate = text === null ? null : dimensionPredicate(dim, value);
    return {
      source,
      clients,
      fields: [sql`name_lower`],
      value: text,
      predicate,
      meta: { type: 'match', method: 'contains' } as MatchMetadata
    };
  }
  if (spec.kind === 'area') {
    const area = value as Area | null;
    return {
      source,
      clients,
      fields: [sql`lon`, sql`lat`],
      value: area,
      predicate: area ? areaPredicate(area) : null,
      meta: { type: 'area' }
    };
  }
  const values = value as string[];
  return clausePoints([spec.column], empty ? null : values.map((v) => [v]), { source, clients });
}
