/**
 * The data page's own choices, kept in the URL beside the shared state: the columns shown
 * (`cols=id,name,total_investment`), the sort keys in order (`sort=-total_investment,name`,
 * `-` for descending) and the first row in view (`row=5000`). Defaults are left out of the URL.
 */
import { availableColumns, type DataColumn, type SortKey } from '../../queries/data-table.ts';
import type { UrlNotice } from '../../state/url-values.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';

const DEFAULT_COLUMNS = [
  'id',
  'name',
  'district_name',
  'sector',
  'phase',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'gap_points',
  'rag'
];
export const DEFAULT_SORT: readonly SortKey[] = [{ id: 'total_investment', descending: true }];

/** The columns of a `cols` value, in table order; unknown or unavailable ones become notices. */
export function parseColumns(value: string | null, available: readonly DataColumn[], notices: UrlNotice[]): string[] | null {
  if (value === null) return null;
  const ids = value.split(',').filter(Boolean);
  const known = new Set(available.map((c) => c.id));
  for (const id of ids) if (!known.has(id)) notices.push({ key: 'url.unknownValue', params: { param: 'cols', value: id } });
  const chosen = available.filter((c) => ids.includes(c.id)).map((c) => c.id);
  return chosen.length ? chosen : null;
}

/** Sort keys of a `sort` value among the columns available; a key given twice counts once. */
export function parseSortKeys(value: string | null, available: readonly DataColumn[], notices: UrlNotice[]): SortKey[] | null {
  if (!value) return null;
  const known = new Set(available.map((c) => c.id));
  const keys: SortKey[] = [];
  for (const part of value.split(',').filter(Boolean)) {
    const descending = part.startsWith('-');
    const id = descending ? part.slice(1) : part;
    if (!known.has(id)) notices.push({ key: 'url.unknownValue', params: { param: 'sort', value: part } });
    else if (!keys.some((k) => k.id === id)) keys.push({ id, descending });
  }
  return keys.length ? keys : null;
}

export const serialiseSortKeys = (keys: readonly SortKey[]): string => keys.map((k) => `${k.descending ? '-' : ''}${k.id}`).join(',');

/**
 * A click on a column's header: alone, it sorts by that column (again: the other way round);
 * with Shift, it adds the column as the next key (again: turns that key round).
 */
export function clickSort(keys: readonly SortKey[], id: string, numeric: boolean, add: boolean): SortKey[] {
  const at = keys.findIndex((k) => k.id === id);
  if (add) {
    if (at < 0) return [...keys, { id, descending: numeric }];
    return keys.map((k, i) => (i === at ? { id, descending: !k.descending } : k));
  }
  if (keys.length === 1 && at === 0) return [{ id, descending: !keys[0].descending }];
  return [{ id, descending: numeric }];
}

export class DataSettings {
  columns = $state<string[]>([]);
  sort = $state<SortKey[]>([...DEFAULT_SORT]);
  /** The first row in view (0-based), written when scrolling stops. */
  row = $state(0);
  readonly available: DataColumn[];
  readonly #ws: Workspace;

  constructor(ws: Workspace, params: URLSearchParams) {
    this.#ws = ws;
    this.available = availableColumns(ws.internal, ws.core.rules);
    const notices: UrlNotice[] = [];
    this.columns = parseColumns(params.get('cols'), this.available, notices) ?? this.defaultColumns();
    this.sort = parseSortKeys(params.get('sort'), this.available, notices) ?? [...DEFAULT_SORT];
    const row = Number(params.get('row') ?? 0);
    this.row = Number.isInteger(row) && row > 0 ? row : 0;
    if (params.has('row') && this.row === 0 && params.get('row') !== '0')
      notices.push({ key: 'url.unknownValue', params: { param: 'row', value: params.get('row')! } });
    if (notices.length) ws.notices = [...ws.notices, ...notices];
  }

  defaultColumns(): string[] {
    return this.available.filter((c) => DEFAULT_COLUMNS.includes(c.id)).map((c) => c.id);
  }

  /** The chosen columns, in table order. */
  get shown(): DataColumn[] {
    return this.available.filter((c) => this.columns.includes(c.id));
  }

  params(): URLSearchParams {
    const p = new URLSearchParams();
    const cols = this.shown.map((c) => c.id);
    if (cols.join(',') !== this.defaultColumns().join(',')) p.set('cols', cols.join(','));
    if (serialiseSortKeys(this.sort) !== serialiseSortKeys(DEFAULT_SORT)) p.set('sort', serialiseSortKeys(this.sort));
    if (this.row > 0) p.set('row', String(this.row));
    return p;
  }

  setColumns(ids: string[]): void {
    // At least one column stays; a sort key on a hidden column still orders the rows.
    if (ids.length) this.columns = ids;
    this.#ws.writeUrl();
  }

  setSort(keys: SortKey[]): void {
    this.sort = keys.length ? keys : [...DEFAULT_SORT];
    this.row = 0;
    this.#ws.writeUrl();
  }

  setRow(row: number): void {
    if (row === this.row) return;
    this.row = row;
    this.#ws.writeUrl();
  }
}
