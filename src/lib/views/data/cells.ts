/** How the data table writes a value, and its column's width. */
import type { DataColumn } from '../../queries/data-table.ts';
import { formatNumber, formatPercent, type Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';

/** Widths in rem: fixed, so the rows (absolutely placed by the virtualiser) line up with the header. */
const WIDTHS: Record<string, number> = {
  id: 7.5,
  name: 19,
  district_code: 6.5,
  district_name: 7,
  sector: 6.5,
  phase: 7,
  level: 7,
  size_bucket: 8.5,
  batch: 7,
  lead_unit: 12,
  total_investment: 10,
  annual_plan: 10,
  completed_ytd: 10,
  completion_rate: 6.5,
  elapsed_share: 6.5,
  gap_points: 7,
  rag: 8.5,
  started: 5.5,
  finished: 5.5,
  approvals_required: 7,
  approvals_done: 7,
  approvals_pending: 7,
  stat_registered: 5.5,
  problems_raised: 7,
  problems_closed: 7,
  problems_unclosed: 7,
  report_late: 5.5,
  approvals_verdict: 10,
  approvals_days: 7
};

export const columnWidth = (c: DataColumn): number => WIDTHS[c.id] ?? 8;

export const isNumeric = (c: DataColumn): boolean => c.kind === 'money' || c.kind === 'percent' || c.kind === 'number';

/** A cell as shown: money in 万元 with two decimals, shares as percentages, gaps in points. */
export function cellText(c: DataColumn, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (c.kind === 'money') return formatNumber(Number(value), 2);
  if (c.kind === 'percent') return formatPercent(Number(value));
  if (c.kind === 'number') return formatNumber(Number(value), c.digits ?? 1);
  return String(value);
}

/** A totals cell: the programme metric of the column (a RAG value named in the page's language). */
export function totalText(c: DataColumn, value: unknown, locale: Locale): string {
  if (c.metric === 'rag') return translate(locale, value ? `rag.${value}` : 'rag.none');
  return cellText(c, value);
}
