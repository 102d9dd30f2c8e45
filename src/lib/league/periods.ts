/**
 * Ranking periods: every month, or every quarter (Jiujiang 一季一排位). A quarter's ranking is
 * taken on the figures as at its last month; the previous period is the month or quarter before.
 */
import { toMonth, type Month } from '../metrics/month.ts';
import type { RankingRule } from '../rules/preset-schema.ts';

type Period = RankingRule['period'];

const key = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/** The month a ranking of `period` shown at `month` is taken on: the month itself, or the last quarter end at or before it (the caller checks the dataset has it). */
export function rankingMonth(month: string | Month, period: Period): string {
  const m = toMonth(month);
  if (period === 'month') return m.key;
  const quarterEnd = Math.floor(m.index / 3) * 3;
  return quarterEnd === 0 ? key(m.year - 1, 12) : key(m.year, quarterEnd);
}

/** The ranking month of the period before (for rank changes); it may lie in the year before. */
export function previousRankingMonth(month: string | Month, period: Period): string {
  const m = toMonth(rankingMonth(month, period));
  const step = period === 'month' ? 1 : 3;
  const index = m.index - step;
  return index >= 1 ? key(m.year, index) : key(m.year - 1, index + 12);
}

/** 'Q2' style label of a quarter end month, or the month key. */
export function periodLabel(month: string, period: Period): string {
  const m = toMonth(month);
  return period === 'quarter' ? `${m.year}-Q${Math.ceil(m.index / 3)}` : m.key;
}
