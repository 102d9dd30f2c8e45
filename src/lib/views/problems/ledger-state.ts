/**
 * The problem ledger's own choices, kept in the URL beside the shared state (dataset, month,
 * project filters): its filters by category (`pcat`), level (`plevel`), status as at the month
 * (`pstatus`), deadline (`due=overdue`, `due=week` or `due=overrun`), and its sort (`psort=-age`, `-` for
 * descending). Enumerations are kept in their canonical order, so equal states give equal URLs;
 * defaults are left out.
 */
import { PROBLEM_CATEGORIES, PROBLEM_LEVELS, PROBLEM_STATUSES } from '../../schema.ts';
import type { UrlNotice } from '../../state/url-values.ts';

/** The ledger's facets: each is a filter, a chart, and a column. */
export const LEDGER_FACETS = ['category', 'level', 'status'] as const;
export type LedgerFacet = (typeof LEDGER_FACETS)[number];

export const FACET_VALUES: Record<LedgerFacet, readonly string[]> = {
  category: PROBLEM_CATEGORIES,
  level: PROBLEM_LEVELS,
  status: PROBLEM_STATUSES
};

const FACET_PARAMS: Record<LedgerFacet, string> = { category: 'pcat', level: 'plevel', status: 'pstatus' };

/** Overdue at the month end, open and due within DUE_SOON_DAYS of it, or past its escalation step (the preset's ladder). */
export const DUE_FILTERS = ['overdue', 'week', 'overrun'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export interface LedgerFilter {
  category: string[];
  level: string[];
  status: string[];
  due: DueFilter | null;
}

export const emptyLedgerFilter = (): LedgerFilter => ({ category: [], level: [], status: [], due: null });

/** The keys the ledger sorts by: its columns, and (by default) urgency: overdue, due soon, other open, settled. */
export const LEDGER_SORT_KEYS = [
  'urgency',
  'project',
  'district',
  'category',
  'level',
  'raised_on',
  'deadline',
  'status',
  'age',
  'notices',
  'interviews'
] as const;
export type LedgerSortKey = (typeof LEDGER_SORT_KEYS)[number];

export interface LedgerSort {
  key: LedgerSortKey;
  descending: boolean;
}

export const DEFAULT_LEDGER_SORT: LedgerSort = { key: 'urgency', descending: false };

function parseList(params: URLSearchParams, param: string, allowed: readonly string[], notices: UrlNotice[]): string[] {
  const given = (params.get(param) ?? '').split(',').filter(Boolean);
  for (const v of given) if (!allowed.includes(v)) notices.push({ key: 'url.unknownValue', params: { param, value: v } });
  return allowed.filter((v) => given.includes(v));
}

export function parseLedgerFilter(params: URLSearchParams, notices: UrlNotice[]): LedgerFilter {
  const filter = emptyLedgerFilter();
  for (const facet of LEDGER_FACETS) filter[facet] = parseList(params, FACET_PARAMS[facet], FACET_VALUES[facet], notices);
  const due = params.get('due');
  if (due && (DUE_FILTERS as readonly string[]).includes(due)) filter.due = due as DueFilter;
  else if (due) notices.push({ key: 'url.unknownValue', params: { param: 'due', value: due } });
  return filter;
}

export function parseLedgerSort(value: string | null, notices: UrlNotice[]): LedgerSort | null {
  if (!value) return null;
  const descending = value.startsWith('-');
  const key = descending ? value.slice(1) : value;
  if ((LEDGER_SORT_KEYS as readonly string[]).includes(key)) return { key: key as LedgerSortKey, descending };
  notices.push({ key: 'url.unknownValue', params: { param: 'psort', value } });
  return null;
}

/** The ledger's parameters; defaults left out. */
export function ledgerParams(filter: LedgerFilter, sort: LedgerSort): URLSearchParams {
  const p = new URLSearchParams();
  for (const facet of LEDGER_FACETS) {
    const values = FACET_VALUES[facet].filter((v) => filter[facet].includes(v));
    if (values.length) p.set(FACET_PARAMS[facet], values.join(','));
  }
  if (filter.due) p.set('due', filter.due);
  if (sort.key !== DEFAULT_LEDGER_SORT.key || sort.descending !== DEFAULT_LEDGER_SORT.descending)
    p.set('psort', `${sort.descending ? '-' : ''}${sort.key}`);
  return p;
}

/** Adds or removes one value of a facet, keeping the canonical order. */
export function toggleFacet(filter: LedgerFilter, facet: LedgerFacet, value: string): LedgerFilter {
  const current = filter[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...filter, [facet]: FACET_VALUES[facet].filter((v) => next.includes(v)) };
}

/** A click on a column's header: sorts by it (again: the other way round); numbers and dates start descending except the deadline. */
export function clickLedgerSort(sort: LedgerSort, key: LedgerSortKey): LedgerSort {
  if (sort.key === key) return { key, descending: !sort.descending };
  return { key, descending: key === 'age' || key === 'notices' || key === 'interviews' || key === 'raised_on' };
}

/** The filter without one facet (a chart of that facet is not filtered by itself). */
export function withoutFacet(filter: LedgerFilter, facet: LedgerFacet): LedgerFilter {
  return { ...filter, [facet]: [] };
}

export const isEmptyLedgerFilter = (f: LedgerFilter): boolean => LEDGER_FACETS.every((k) => f[k].length === 0) && f.due === null;
