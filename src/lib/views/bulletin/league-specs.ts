/**
 * The bulletin's clients of the league and the plan's other rules: every ranking sequence's league
 * table (the league page's own query, src/lib/league), warnings and demerit points, and task
 * notices. The whole programme: each owns every filter dimension.
 */
import { literal, Query } from '@uwdata/mosaic-sql';
import type { BulletinLeague } from '../../bulletin/inputs.ts';
import { demeritsByUnitQuery } from '../../league/demerits.ts';
import { leagueMetrics, leagueTables } from '../../league/league-sql.ts';
import type { MetricRules } from '../../metrics/preset.ts';
import { taskNoticesQuery } from '../../league/task-notices.ts';
import type { MissedTargetPenalty, RankingRule, TaskNoticeRule } from '../../rules/preset-schema.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';
import { sequenceLeagueQuery, type LeagueMonths } from '../league/league-query.ts';
import { leagueRows } from '../league/league-rows.ts';

/** Every sequence's league table in one answer, each row with its `sequence` id; null without a ranking month. */
export function leagueSpec(ranking: RankingRule, months: LeagueMonths, rules: Pick<MetricRules, 'approvalLimit'>): QuerySpec | null {
  if (!months.current) return null;
  return {
    owns: FILTER_DIMENSIONS,
    months: () => [months.current, months.previous].filter((m) => m !== null),
    tables: leagueTables(ranking, rules),
    query: (ctx) => {
      const parts = ranking.sequences.map((s) =>
        Query.from({ league: sequenceLeagueQuery(ctx, ranking, s, months)! }).select('*', { sequence: literal(s.id) })
      );
      return parts.length === 1 ? parts[0] : Query.unionAll(...parts);
    }
  };
}

/** Warnings and demerit points over the year by district (Lishui). */
export const demeritsSpec = (penalty: MissedTargetPenalty): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  tables: ['projects', 'monthly'],
  query: (ctx) => demeritsByUnitQuery(ctx.month, penalty, 'district_code')
});

/** The month's task notices per district (Guiyang): lagging approvals and unregistered projects. */
export const taskNoticesSpec = (rule: TaskNoticeRule): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  query: (ctx) => taskNoticesQuery(rule, ctx.facts)
});

/** The league answer split by sequence, in the preset's order, rows typed (views/league/league-rows.ts). */
export function bulletinLeagues(ranking: RankingRule, rows: readonly Record<string, unknown>[]): BulletinLeague[] {
  const metrics = leagueMetrics(ranking);
  return ranking.sequences.map((s) => ({
    id: s.id,
    name: s.name,
    unit: s.unit,
    minProjects: ranking.min_projects,
    rows: leagueRows(
      rows.filter((r) => r.sequence === s.id),
      metrics
    ).sort((a, b) => (a.composite_rank ?? Infinity) - (b.composite_rank ?? Infinity) || a.unit.localeCompare(b.unit))
  }));
}
