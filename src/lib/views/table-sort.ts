/** A table's sort in the URL: `sort=total_investment` ascending, `sort=-total_investment` descending. */
import { SORTABLE_COLUMNS } from '../queries/views.ts';
import type { UrlNotice } from '../state/url-values.ts';

export interface TableSort {
  /** A facts column (queries/views.ts SORTABLE_COLUMNS). */
  key: string;
  descending: boolean;
}

export function parseSort(value: string | null, notices: UrlNotice[]): TableSort | null {
  if (!value) return null;
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  if (SORTABLE_COLUMNS.includes(key)) return { key, descending };
  notices.push({ key: 'url.unknownValue', params: { param: 'sort', value } });
  return null;
}

export function serialiseSort(sort: TableSort): string {
  return `${sort.descending ? '-' : ''}${sort.key}`;
}
