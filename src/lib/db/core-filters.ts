/**
 * The query core's cross-filter state: the filters and the route's scope, and the crossfilter
 * selection holding one clause per filter dimension (a filter a view sets does not filter that
 * view). coordinator.ts decides when clients are asked again; this keeps what they are asked with.
 */
import { Selection, type MosaicClient, type SelectionClause } from '@uwdata/mosaic-core';
import { and, type FilterExpr } from '@uwdata/mosaic-sql';
import { emptyFilters, filterClause, FILTER_DIMENSIONS, statePredicate, type FilterDimension, type FilterState } from '../state/filters.ts';

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** JSON copy: filter values are plain data, and Svelte state proxies copy this way too. */
export const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

export class CoreFilters {
  /** Crossfilter selection holding one clause per filter dimension. */
  readonly selection = Selection.crossfilter();
  #filters = emptyFilters();
  #scope: Partial<FilterState> = {};
  /** One stable clause source per dimension, and the clients that own it. */
  #sources = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, { dimension: d }])) as Record<FilterDimension, object>;
  #owners = Object.fromEntries(FILTER_DIMENSIONS.map((d) => [d, new Set<MosaicClient>()])) as Record<FilterDimension, Set<MosaicClient>>;

  /** The filters as they are (not a copy: read, never change). */
  get current(): FilterState {
    return this.#filters;
  }

  /** The route's scope as it is (not a copy). */
  get currentScope(): Partial<FilterState> {
    return this.#scope;
  }

  /**
   * The filter for a client: every clause except those of dimensions it owns. Read from the
   * selection's resolved clauses, which are current even while an earlier selection event is
   * still being dispatched (its `predicate()` reads the last dispatched value).
   */
  predicate(client?: MosaicClient): FilterExpr | undefined {
    const noActive = null as unknown as SelectionClause;
    const filters = this.selection._resolver.predicate(this.selection._resolved, noActive, client) as FilterExpr | undefined;
    const scope = statePredicate(this.#scope);
    if (!scope) return filters;
    const parts = (Array.isArray(filters) ? filters : filters ? [filters] : []) as FilterExpr[];
    return and(scope, ...(parts as never[]));
  }

  /** The dimensions whose value `filters` changes. */
  changed(filters: Partial<FilterState>): FilterDimension[] {
    return (Object.keys(filters) as FilterDimension[]).filter((d) => filters[d] !== undefined && !sameValue(this.#filters[d], filters[d]));
  }

  /** Sets the route's scope; whether it changed. */
  setScope(scope: Partial<FilterState> | undefined): boolean {
    if (scope === undefined || sameValue(this.#scope, scope)) return false;
    this.#scope = clone(scope);
    return true;
  }

  /**
   * Sets the changed dimensions' values and clauses. With `event`, the last clause updates the
   * selection (its clients re-query); all others are resolved into it without an event, so a
   * batch (a URL, "clear all") re-queries once with every filter, never with half of them.
   */
  apply(changed: FilterDimension[], filters: Partial<FilterState>, event: boolean): void {
    changed.forEach((d, i) => {
      const value = clone(filters[d]) as FilterState[typeof d];
      (this.#filters as unknown as Record<string, unknown>)[d] = value;
      const clause = filterClause(d, value, this.#sources[d], this.#owners[d]);
      if (event && i === changed.length - 1) this.selection.update(clause);
      else this.selection._resolved = this.selection._resolver.resolve(this.selection._resolved, clause, true);
    });
  }

  /** The clients that own a dimension (a filter they set does not filter them). */
  owners(dim: FilterDimension): ReadonlySet<MosaicClient> {
    return this.#owners[dim];
  }

  own(client: MosaicClient, dims: Iterable<FilterDimension>): void {
    for (const d of dims) this.#owners[d].add(client);
  }

  release(client: MosaicClient): void {
    for (const set of Object.values(this.#owners)) set.delete(client);
  }
}
