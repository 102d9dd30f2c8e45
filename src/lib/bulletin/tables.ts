/**
 * The bulletin's tables of progress as rows of formatted cells: the league tables of the ranking
 * sequences (the districts' with their money in 亿元) and the projects furthest behind (万元).
 * Money is rounded here, for display only.
 */
import { formatNumber, formatPercent, type Locale } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import type { LeagueRow } from '../views/league/league-rows.ts';
import type { DistrictFigures } from './inputs.ts';
import type { TableColumn } from './model.ts';

/** A project behind plan (queries/drilldown.ts rankingQuery, 'behind_wan'). */
export interface LaggingProject {
  id: string;
  name: string;
  district_code: string;
  annual_plan: number;
  completed_ytd: number;
  completion_rate: number | null;
  elapsed_share: number | null;
  gap_wan: number;
}

export interface TableContent {
  columns: TableColumn[];
  rows: string[][];
}

export type Names = (code: string, locale: Locale) => string;

export const col = (locale: Locale, key: string, align: TableColumn['align'], width: number, unit = ''): TableColumn => ({
  label: translate(locale, `bulletin.col.${key}`) + unit,
  align,
  width
});
const yi = (wan: number) => formatNumber(wan / 10000, 2);
export const gapCell = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : p < 0 ? '−' : ''}${formatNumber(Math.abs(p), 1)}`);

export function laggingTable(projects: readonly LaggingProject[], locale: Locale, names: Names): TableContent {
  return {
    columns: [
      col(locale, 'no', 'center', 0.06),
      col(locale, 'project', 'start', 0.23),
      col(locale, 'district', 'start', 0.1),
      col(locale, 'annual', 'end', 0.14),
      col(locale, 'completed', 'end', 0.14),
      col(locale, 'rate', 'end', 0.09),
      col(locale, 'elapsed', 'end', 0.1),
      col(locale, 'behind', 'end', 0.14)
    ],
    rows: projects.map((p, i) => [
      String(i + 1),
      p.name,
      names(p.district_code, locale),
      formatNumber(p.annual_plan, 2),
      formatNumber(p.completed_ytd, 2),
      formatPercent(p.completion_rate),
      formatPercent(p.elapsed_share),
      formatNumber(Math.abs(p.gap_wan), 2)
    ])
  };
}

/** 并列 for a rank more than one unit holds. */
function rankCell(row: LeagueRow, rows: readonly LeagueRow[], locale: Locale): string {
  if (row.composite_rank === null) return '—';
  const tied = rows.some((o) => o !== row && o.composite_rank === row.composite_rank);
  return tied ? translate(locale, 'bulletin.tie', { rank: row.composite_rank }) : String(row.composite_rank);
}

/** ↑ places gained since the period before, ↓ lost; — without a period before. */
export function changeCell(change: number | null): string {
  if (change === null) return '—';
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '0';
}

const listCell = (row: LeagueRow, locale: Locale) =>
  row.red_list ? translate(locale, 'bulletin.list.red') : row.black_list ? translate(locale, 'bulletin.list.black') : '—';
const score = (v: number | null) => (v === null ? '—' : formatNumber(v, 2));

/** The districts' league table, ranked units only, in rank order, with their money and completion beside the score. */
export function districtLeagueTable(
  rows: readonly LeagueRow[],
  figures: readonly DistrictFigures[],
  locale: Locale,
  names: Names
): TableContent {
  const ranked = rows.filter((r) => r.rankable);
  const byCode = new Map(figures.map((d) => [d.district_code, d]));
  return {
    columns: [
      col(locale, 'rank', 'center', 0.07),
      col(locale, 'district', 'start', 0.16),
      col(locale, 'annual', 'end', 0.12),
      col(locale, 'completed', 'end', 0.12),
      col(locale, 'rate', 'end', 0.1),
      col(locale, 'gap', 'end', 0.09),
      col(locale, 'composite', 'end', 0.11),
      col(locale, 'change', 'center', 0.11),
      col(locale, 'list', 'center', 0.12)
    ],
    rows: ranked.map((r) => {
      const d = byCode.get(r.unit);
      return [
        rankCell(r, ranked, locale),
        names(r.unit, locale),
        d ? yi(d.annual_plan) : '—',
        d ? yi(d.completed_ytd) : '—',
        formatPercent(d?.completion_rate ?? null),
        gapCell(d?.gap_points ?? null),
        score(r.composite),
        changeCell(r.rank_change),
        listCell(r, locale)
      ];
    })
  };
}

/** Another sequence's league table (responsible units by their lead unit), ranked units only. */
export function unitLeagueTable(rows: readonly LeagueRow[], locale: Locale): TableContent {
  const ranked = rows.filter((r) => r.rankable);
  return {
    columns: [
      col(locale, 'rank', 'center', 0.08),
      col(locale, 'unit', 'start', 0.32),
      col(locale, 'projects', 'end', 0.1),
      col(locale, 'gap', 'end', 0.12),
      col(locale, 'composite', 'end', 0.13),
      col(locale, 'change', 'center', 0.12),
      col(locale, 'list', 'center', 0.13)
    ],
    rows: ranked.map((r) => [
      rankCell(r, ranked, locale),
      r.unit_name,
      formatNumber(r.projects),
      gapCell(r.values.gap_points ?? null),
      score(r.composite),
      changeCell(r.rank_change),
      listCell(r, locale)
    ])
  };
}
