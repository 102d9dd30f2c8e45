/**
 * The bulletin's ranking of districts: completion against 序时进度 (the gap in points, from
 * metricsQuery at district level), best first, with the rank change since the month before. A
 * simple stand-in for the league table on the plan's own rules: a replacement only has to give the
 * bulletin `RankedDistrict[]` from its own clients (`districtRankingSpecs`).
 */
import { metricsQuery } from '../../metrics/query.ts';
import { previousMonth, type Month } from '../../metrics/month.ts';
import type { Rag } from '../../metrics/investment.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';

/** What the ranking reads of each district. */
export const RANKING_METRICS = [
  'projects',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'rag'
] as const;

export interface DistrictMetrics {
  district_code: string;
  district_name: string;
  projects: number;
  annual_plan: number;
  completed_ytd: number;
  completion_rate: number | null;
  elapsed_share: number | null;
  gap_points: number | null;
  rag: Rag | null;
}

export interface RankedDistrict extends DistrictMetrics {
  /** 1 = furthest ahead of 序时进度; equal gaps share a rank (并列); null without an annual plan. */
  rank: number | null;
  /** Places gained since the month before (negative: lost); null when it was not ranked then or there is no month before. */
  rankChange: number | null;
}

/**
 * The district ranking's two clients: the month shown and the month before (none in January, when
 * the year's figures start again). The whole programme: a bulletin ignores the page's filters.
 */
export function districtRankingSpecs(month: Month): { current: QuerySpec; previous: QuerySpec | null } {
  const before = previousMonth(month);
  const metrics = [...RANKING_METRICS];
  return {
    current: {
      owns: FILTER_DIMENSIONS,
      query: (ctx) => metricsQuery({ ...ctx, facts: ctx.facts, level: 'district', metrics })
    },
    previous: before
      ? {
          owns: FILTER_DIMENSIONS,
          months: () => [before],
          query: (ctx) => metricsQuery({ ...ctx, month: before, facts: ctx.factsOf(before), level: 'district', metrics })
        }
      : null
  };
}

/** Competition ranks (1, 2, 2, 4) by the gap, highest first; districts without a gap are unranked. */
function ranks(rows: readonly DistrictMetrics[]): Map<string, number> {
  const ranked = rows.filter((r) => r.gap_points !== null && Number.isFinite(r.gap_points));
  ranked.sort((a, b) => b.gap_points! - a.gap_points! || a.district_code.localeCompare(b.district_code));
  const out = new Map<string, number>();
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    out.set(r.district_code, prev && prev.gap_points === r.gap_points ? out.get(prev.district_code)! : i + 1);
  });
  return out;
}

/** The districts in rank order (unranked last, by code), each with its rank and its change since `previous`. */
export function rankDistricts(current: readonly DistrictMetrics[], previous: readonly DistrictMetrics[] | null): RankedDistrict[] {
  const now = ranks(current);
  const before = previous ? ranks(previous) : new Map<string, number>();
  return current
    .map((d) => {
      const rank = now.get(d.district_code) ?? null;
      const was = before.get(d.district_code);
      return { ...d, rank, rankChange: rank !== null && was !== undefined ? was - rank : null };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.district_code.localeCompare(b.district_code));
}
