/**
 * The bulletin's tables as rows of formatted cells: the district ranking (亿元), the projects
 * furthest behind (万元) and the overdue problems. Money is rounded here, for display only.
 */
import { formatDate, formatNumber, formatPercent, type Locale } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import type { RankedDistrict } from '../views/bulletin/ranking.ts';
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

/** An overdue open problem (queries/drilldown.ts openProblemsQuery, its overdue rows). */
export interface OverdueProblem {
  id: string;
  project: string;
  category: string;
  description: string;
  deadline: string;
  notices: number;
  interviews: number;
}

export interface TableContent {
  columns: TableColumn[];
  rows: string[][];
}

type Names = (code: string, locale: Locale) => string;

const col = (locale: Locale, key: string, align: TableColumn['align'], width: number, unit = ''): TableColumn => ({
  label: translate(locale, `bulletin.col.${key}`) + unit,
  align,
  width
});
const yi = (wan: number) => formatNumber(wan / 10000, 2);
const gapCell = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : p < 0 ? '−' : ''}${formatNumber(Math.abs(p), 1)}`);

function rankCell(d: RankedDistrict, all: readonly RankedDistrict[], locale: Locale): string {
  if (d.rank === null) return '—';
  const tied = all.some((o) => o !== d && o.rank === d.rank);
  return tied ? translate(locale, 'bulletin.tie', { rank: d.rank }) : String(d.rank);
}

function changeCell(change: number | null): string {
  if (change === null) return '—';
  return change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '0';
}

export function rankingTable(ranking: readonly RankedDistrict[], locale: Locale, names: Names): TableContent {
  return {
    columns: [
      col(locale, 'rank', 'center', 0.07),
      col(locale, 'district', 'start', 0.2),
      col(locale, 'annual', 'end', 0.12),
      col(locale, 'completed', 'end', 0.12),
      col(locale, 'rate', 'end', 0.1),
      col(locale, 'elapsed', 'end', 0.11),
      col(locale, 'gap', 'end', 0.08),
      col(locale, 'status', 'center', 0.07),
      col(locale, 'change', 'center', 0.13)
    ],
    rows: ranking.map((d) => [
      rankCell(d, ranking, locale),
      names(d.district_code, locale),
      yi(d.annual_plan),
      yi(d.completed_ytd),
      formatPercent(d.completion_rate),
      formatPercent(d.elapsed_share),
      gapCell(d.gap_points),
      d.rag ? translate(locale, `bulletin.status.${d.rag}`) : '—',
      changeCell(d.rankChange)
    ])
  };
}

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

export function overdueTable(problems: readonly OverdueProblem[], locale: Locale): TableContent {
  return {
    columns: [
      col(locale, 'no', 'center', 0.06),
      col(locale, 'project', 'start', 0.25),
      col(locale, 'category', 'center', 0.1),
      col(locale, 'problem', 'start', 0.27),
      col(locale, 'deadline', 'center', 0.19),
      col(locale, 'escalation', 'center', 0.13)
    ],
    rows: problems.map((p, i) => [
      String(i + 1),
      p.project,
      translate(locale, `problemCategory.${p.category}`),
      p.description,
      formatDate(p.deadline, locale),
      `${formatNumber(p.notices)}/${formatNumber(p.interviews)}`
    ])
  };
}
