/**
 * A league table's rows as the page shows them: typed from the SQL's columns, ties found for
 * 并列, and each unit's score written out line by line from the items' SQL scores.
 */
import { LEAGUE_METRICS, type CompositeItem, type LeagueMetric, type RankingRule } from '../../rules/preset-schema.ts';

export interface LeagueRow {
  unit: string;
  unit_name: string;
  projects: number;
  rankable: boolean;
  composite: number | null;
  composite_rank: number | null;
  rank_change: number | null;
  target_met: boolean | null;
  red_list: boolean;
  black_list: boolean;
  values: Partial<Record<LeagueMetric, number | null>>;
  ranks: Partial<Record<LeagueMetric, number | null>>;
  scores: Partial<Record<LeagueMetric, number | null>>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Rows of `leagueTableQuery` / `leagueWithChangeQuery` as LeagueRow. */
export function leagueRows(rows: Record<string, unknown>[], metrics: readonly LeagueMetric[]): LeagueRow[] {
  return rows.map((r) => ({
    unit: String(r.unit),
    unit_name: String(r.unit_name ?? r.unit),
    projects: Number(r.projects),
    rankable: Boolean(r.rankable),
    composite: num(r.composite),
    composite_rank: num(r.composite_rank),
    rank_change: num(r.rank_change),
    target_met: r.target_met === null || r.target_met === undefined ? null : Boolean(r.target_met),
    red_list: Boolean(r.red_list),
    black_list: Boolean(r.black_list),
    values: Object.fromEntries(metrics.map((m) => [m, num(r[m])])),
    ranks: Object.fromEntries(metrics.map((m) => [m, num(r[`rank_${m}`])])),
    scores: Object.fromEntries(metrics.map((m) => [m, num(r[`score_${m}`])]))
  }));
}

/** Ranks held by more than one unit (shown as 并列). */
export function tiedRanks(rows: readonly LeagueRow[]): Set<number> {
  const seen = new Map<number, number>();
  for (const r of rows) if (r.composite_rank !== null) seen.set(r.composite_rank, (seen.get(r.composite_rank) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([rank]) => rank));
}

/** One line of a unit's score: the item, what it was scored on, its weight, cap and the points the SQL gave it. */
export interface ScoreLine {
  item: CompositeItem;
  value: number | null;
  rank: number | null;
  score: number | null;
}

export function scoreLines(row: LeagueRow, ranking: RankingRule): ScoreLine[] {
  return ranking.composite.items.map((item) => ({
    item,
    value: row.values[item.metric] ?? null,
    rank: row.ranks[item.metric] ?? null,
    score: row.scores[item.metric] ?? null
  }));
}

/** Whether a metric is a share (shown as %) or points (gap_points). */
export const isShare = (m: LeagueMetric): boolean => m !== 'gap_points';

/** Metrics where lower is better, for a header's hint. */
export const lowerIsBetter = (m: LeagueMetric): boolean => LEAGUE_METRICS[m] === 'lower';
