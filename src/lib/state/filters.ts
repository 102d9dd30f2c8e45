/**
 * The cross-filter state: what each filter dimension holds, and the selection clause it
 * becomes. Values reach SQL only through mosaic-sql literals.
 */
import { clausePoints, type MatchMetadata, type MosaicClient, type SelectionClause } from '@uwdata/mosaic-core';
import { literal, sql } from '@uwdata/mosaic-sql';
import type { Phase, ProjectLevel, Sector, SizeBucket } from '../schema.ts';
import type { Rag } from '../metrics/investment.ts';
import { areaPredicate, type Area } from '../db/queries/area.ts';

export interface FilterState {
  phase: Phase[];
  sector: Sector[];
  /** District admin codes. */
  district: string[];
  level: ProjectLevel[];
  size: SizeBucket[];
  /** RAG as at the current month (a computed facts column). */
  rag: Rag[];
  /** Lead units (first of 责任单位). */
  unit: string[];
  /** Name contains this text (any substring, case-insensitive). */
  q: string;
  /** Map box or lasso. */
  area: Area | null;
}

export type FilterDimension = keyof FilterState;

export const FILTER_DIMENSIONS: readonly FilterDimension[] = ['phase', 'sector', 'district', 'level', 'size', 'rag', 'unit', 'q', 'area'];

/** Facts column filtered by each list dimension. */
export const LIST_COLUMNS = {
  phase: 'phase', sector: 'sector', district: 'district_code', level: 'level', size: 'size_bucket', rag: 'rag', unit: 'lead_unit'
} as const;

export type ListDimension = keyof typeof LIST_COLUMNS;

export function emptyFilters(): FilterState {
  return { phase: [], sector: [], district: [], level: [], size: [], rag: [], unit: [], q: '', area: null };
}

/** True when the dimension filters nothing. */
export function isEmptyFilter<D extends FilterDimension>(dim: D, value: FilterState[D]): boolean {
  if (dim === 'q') return !(value as string).trim();
  if (dim === 'area') return value == null;
  return (value as unknown[]).length === 0;
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
  if (dim === 'q') {
    const text = empty ? null : (value as string).trim();
    // name_lower is lower(name), computed once per month in the facts (npm run bench: lowering a
    // million names on every search cost more than the search).
    const predicate = text === null ? null : sql`contains(name_lower, lower(${literal(text)}))`;
    return { source, clients, fields: [sql`name_lower`], value: text, predicate, meta: { type: 'match', method: 'contains' } as MatchMetadata };
  }
  if (dim === 'area') {
    const area = value as Area | null;
    return { source, clients, fields: [sql`lon`, sql`lat`], value: area, predicate: area ? areaPredicate(area) : null, meta: { type: 'area' } };
  }
  const column = LIST_COLUMNS[dim as ListDimension];
  const values = value as string[];
  return clausePoints([column], empty ? null : values.map((v) => [v]), { source, clients });
}
