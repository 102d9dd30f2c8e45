/**
 * The composite's weights as the user set them on screen, kept in the URL as `w=metric:weight,…`
 * (only those that differ from the preset's, so a plain link shows the preset's ranking).
 */
import type { LeagueMetric, RankingRule } from '../../rules/preset-schema.ts';

export type Weights = Partial<Record<LeagueMetric, number>>;

export const WEIGHTS_PARAM = 'w';

/** The weights a URL sets for the preset's items; values that are not finite non-negative numbers, and unknown items, are ignored. */
export function readWeights(params: URLSearchParams, ranking: RankingRule): Weights {
  const items = new Set(ranking.composite.items.map((i) => i.metric));
  const weights: Weights = {};
  for (const part of (params.get(WEIGHTS_PARAM) ?? '').split(',')) {
    const [metric, text] = part.split(':');
    const value = Number(text);
    if (items.has(metric as LeagueMetric) && text !== undefined && text.trim() !== '' && Number.isFinite(value) && value >= 0)
      weights[metric as LeagueMetric] = value;
  }
  return weights;
}

/** The `w` parameter's value for `weights`: the items whose weight differs from the preset's, in the preset's order; '' when none does. */
export function weightsParam(ranking: RankingRule, weights: Weights): string {
  return ranking.composite.items
    .filter((i) => weights[i.metric] !== undefined && weights[i.metric] !== i.weight)
    .map((i) => `${i.metric}:${weights[i.metric]}`)
    .join(',');
}

/** The ranking with the user's weights in place of the preset's. */
export function withWeights(ranking: RankingRule, weights: Weights): RankingRule {
  const items = ranking.composite.items.map((i) => ({ ...i, weight: weights[i.metric] ?? i.weight }));
  return { ...ranking, composite: { ...ranking.composite, items } };
}
