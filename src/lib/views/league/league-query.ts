/**
 * A sequence's league table as a client of the query core asks for it: the builders of
 * src/lib/league over the ranking month's facts, with rank changes against the period before
 * when the dataset has that month.
 */
import type { SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../../db/coordinator-client.ts';
import { leagueMetrics, leagueTableQuery, leagueWithChangeQuery, unitValuesQuery } from '../../league/league-sql.ts';
import { previousRankingMonth, rankingMonth } from '../../league/periods.ts';
import { toMonth, type Month } from '../../metrics/month.ts';
import type { RankingRule, RankingSequence } from '../../rules/preset-schema.ts';

/** The months a ranking shown at `month` reads: its own ranking month and the period before's, each only if the dataset has it. */
export interface LeagueMonths {
  current: Month | null;
  previous: Month | null;
}

export function leagueMonths(month: string | Month, period: RankingRule['period'], available: readonly string[]): LeagueMonths {
  const current = rankingMonth(month, period);
  const previous = previousRankingMonth(month, period);
  return {
    current: available.includes(current) ? toMonth(current) : null,
    previous: available.includes(previous) ? toMonth(previous) : null
  };
}

/** The league table of `sequence` with `rank_change` (NULL throughout when there is no period before), or null without a ranking month. */
export function sequenceLeagueQuery(
  ctx: Pick<QueryContext, 'rules' | 'factsOf'>,
  ranking: RankingRule,
  sequence: RankingSequence,
  months: LeagueMonths
): SelectQuery | null {
  if (!months.current) return null;
  const metrics = leagueMetrics(ranking);
  const table = (month: Month) =>
    leagueTableQuery(unitValuesQuery({ month, rules: ctx.rules, sequence, metrics, facts: ctx.factsOf(month) }), ranking);
  const current = table(months.current);
  return months.previous ? leagueWithChangeQuery(current, table(months.previous)) : current;
}
