/**
 * League tables (排名) as SQL, one sequence at a time (districts and parks apart from city
 * departments): each unit's metrics as at the month, a standard competition rank on each metric
 * (1, 2, 2, 4: RANK()), the composite score of the preset's items (weight × value or weight ×
 * points by rank position, each capped at ±cap) and its rank, and the red and black lists.
 * Units with fewer projects than the minimum are kept, unranked (`rankable` false), to be listed
 * apart. Every value from the preset goes through `literal()`; metric names are the fixed ids of
 * LEAGUE_METRICS.
 */
import { asc, column, desc, isIn, join, literal, Query, rank, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import { factsRelation, metricsQuery, type FactsSource } from '../metrics/query.ts';
import { approvalsOnTimeQuery, judgeableLimit } from './approvals-on-time.ts';
import type { Month } from '../metrics/month.ts';
import type { MetricRules } from '../metrics/preset.ts';
import type { Expr } from '../metrics/sql.ts';
import type { LoadableTable } from '../schema.ts';
import { LEAGUE_METRICS, type CompositeItem, type LeagueMetric, type RankingRule, type RankingSequence } from '../rules/preset-schema.ts';

/** The metrics a ranking reads: the composite's items and the target's. */
export function leagueMetrics(ranking: RankingRule): LeagueMetric[] {
  return [...new Set([...ranking.composite.items.map((i) => i.metric), ranking.target_met.metric])];
}

/** Whether a league of these metrics judges approvals on time (it reads the projects' approval dates). */
function judgesApprovals(metrics: readonly LeagueMetric[], rules: Pick<MetricRules, 'approvalLimit'>): boolean {
  return metrics.includes('approvals_on_time') && judgeableLimit(rules.approvalLimit);
}

/**
 * The source tables a ranking's league table reads besides the months' facts: a client of it
 * declares them, so they are loaded before its query runs (a query that raced the table's load
 * failed "no table projects" now and then, and the bulletin then never got ready).
 */
export function leagueTables(ranking: RankingRule, rules: Pick<MetricRules, 'approvalLimit'>): LoadableTable[] {
  return judgesApprovals(leagueMetrics(ranking), rules) ? ['projects'] : [];
}

export interface UnitValuesOptions {
  month: string | Month;
  rules: MetricRules;
  sequence: RankingSequence;
  metrics: readonly LeagueMetric[];
  facts?: FactsSource;
}

/** One row per unit of the sequence: `unit` (district code or lead unit), `unit_name`, `projects` and each metric's value. */
export function unitValuesQuery({ month, rules, sequence, metrics, facts }: UnitValuesOptions): SelectQuery {
  const byDistrict = sequence.unit === 'district';
  const keyName = byDistrict ? 'district_code' : 'lead_unit';
  const source = facts ?? factsRelation(month, rules, true);
  const ofFacts = metrics.filter((m) => m !== 'approvals_on_time');
  const values = metricsQuery({ month, rules, level: byDistrict ? 'district' : 'unit', metrics: ['projects', ...ofFacts], facts: source });
  const key = column(keyName);
  const select: Record<string, Expr> = { unit: key, unit_name: byDistrict ? column('district_name') : key, projects: column('projects') };
  for (const m of metrics) select[m] = m === 'approvals_on_time' ? sql`o.approvals_on_time` : column(m);
  // Judged against the preset's approval limit per project, not a facts column: joined on by unit; no figure without a limit the data can judge.
  const onTime = judgesApprovals(metrics, rules);
  const from = onTime
    ? sql`(${values}) AS v LEFT JOIN (${approvalsOnTimeQuery(month, rules.approvalLimit!, keyName, source)}) AS o ON o.unit = v.${key}`
    : metrics.includes('approvals_on_time')
      ? sql`(${values}) AS v, (SELECT CAST(NULL AS DOUBLE) AS approvals_on_time) AS o`
      : { v: values };
  const q = Query.from(from)
    .select(select)
    .where(sql`${key} IS NOT NULL`);
  if (sequence.members)
    q.where(
      isIn(
        key,
        sequence.members.map((m) => literal(m))
      )
    );
  return q;
}

const rankColumn = (m: LeagueMetric) => `rank_${m}`;
const scoreColumn = (m: LeagueMetric) => `score_${m}`;

/** rank() among the rankable units that have a value, best first (LEAGUE_METRICS says which way is better). */
function metricRank(m: LeagueMetric): Expr {
  const value = column(m);
  const has = sql`rankable AND ${value} IS NOT NULL`;
  const order = LEAGUE_METRICS[m] === 'higher' ? desc(value) : asc(value);
  return sql`CASE WHEN ${has} THEN ${rank().partitionby(has).orderby(order)} END`;
}

/** Points for a rank by the preset's bands; 0 outside every band and without a rank. */
function rankPoints(rankExpr: Expr, bands: RankingRule['composite']['rank_points'] = []): Expr {
  if (bands.length === 0) return literal(0);
  const whens = bands.map((b) => sql`WHEN ${rankExpr} BETWEEN ${literal(b.from_rank)} AND ${literal(b.to_rank)} THEN ${literal(b.points)}`);
  return sql`(CASE ${whens.reduce((a, b) => sql`${a} ${b}`)} ELSE 0 END)`;
}

/** An item's points: weight × value or weight × rank points, within ±cap; NULL where the unit has no value to score. */
function itemScore(item: CompositeItem, bands: RankingRule['composite']['rank_points']): Expr {
  const raw =
    item.score === 'value'
      ? sql`(${literal(item.weight)} * ${column(item.metric)})`
      : sql`CASE WHEN ${column(rankColumn(item.metric))} IS NOT NULL THEN ${literal(item.weight)} * ${rankPoints(column(rankColumn(item.metric)), bands)} END`;
  const scored = sql`CASE WHEN rankable THEN ${raw} END`;
  // greatest() and least() pass over a NULL: without a figure a unit would get the whole cap.
  return item.cap === undefined
    ? scored
    : sql`CASE WHEN ${scored} IS NOT NULL THEN greatest(${literal(-item.cap)}, least(${literal(item.cap)}, ${scored})) END`;
}

/**
 * The league table of one sequence from its units' values (`unitValuesQuery`, or any relation
 * with `unit`, `unit_name`, `projects` and the metrics): per metric `rank_<m>`, per item
 * `score_<m>`, `composite` and `composite_rank`, `target_met`, `red_list` and `black_list`;
 * rankable units first by composite rank, then the others.
 */
export function leagueTableQuery(values: SelectQuery | string, ranking: RankingRule): SelectQuery {
  const metrics = leagueMetrics(ranking);
  const { items, rank_points: bands } = ranking.composite;
  const base = Query.from({ u: values }).select('*', { rankable: sql`projects >= ${literal(ranking.min_projects)}` });
  const ranked = Query.from({ b: base }).select('*', Object.fromEntries(metrics.map((m) => [rankColumn(m), metricRank(m)])));
  const scores = Object.fromEntries(items.map((item) => [scoreColumn(item.metric), itemScore(item, bands)]));
  const composite = items.map((item) => sql`coalesce(${scoreColumn(item.metric)}, 0)`).reduce((a, b) => sql`${a} + ${b}`);
  const target = ranking.target_met;
  const scored = Query.from({ r: ranked }).select('*', scores, {
    target_met: sql`(${column(target.metric)} ${LEAGUE_METRICS[target.metric] === 'higher' ? sql`>=` : sql`<=`} ${literal(target.min)})`
  });
  const totalled = Query.from({ s: scored }).select('*', { composite: sql`CASE WHEN rankable THEN ${composite} END` });
  const placed = Query.from({ t: totalled }).select('*', {
    composite_rank: sql`CASE WHEN rankable THEN ${rank()
      .partitionby(sql`rankable`)
      .orderby(desc('composite'))} END`,
    bottom_rank: sql`CASE WHEN rankable THEN ${rank()
      .partitionby(sql`rankable`)
      .orderby(asc('composite'))} END`
  });
  const red = ranking.red_list;
  const black = ranking.black_list;
  return Query.from({ p: placed })
    .select('*', {
      red_list: red
        ? sql`coalesce(rankable AND composite_rank <= ${literal(red.size)}${red.requires_target_met ? sql` AND target_met` : sql``}, FALSE)`
        : sql`FALSE`,
      // A unit that met its target never enters the black list; one without a figure to judge it by neither.
      black_list: black
        ? sql`coalesce(rankable AND bottom_rank <= ${literal(black.size)}${black.requires_target_missed ? sql` AND NOT target_met` : sql``}, FALSE)`
        : sql`FALSE`
    })
    .orderby(desc('rankable'), asc('composite_rank'), asc('unit'));
}

/**
 * The league table with each unit's rank change against the previous period's table (the same
 * sequence, minimum and method): `previous_rank`, and `rank_change` = previous − current
 * (positive: moved up, ▲); NULL for a unit not ranked in both.
 */
export function leagueWithChangeQuery(current: SelectQuery, previous: SelectQuery): SelectQuery {
  const prev = Query.from({ q: previous }).select({ unit: column('unit'), previous_rank: column('composite_rank') });
  return Query.with({ cur: current, prev })
    .from(join('cur', 'prev', { type: 'LEFT', using: ['unit'] }))
    .select('*', { rank_change: sql`CASE WHEN composite_rank IS NOT NULL THEN previous_rank - composite_rank END` })
    .orderby(desc('rankable'), asc('composite_rank'), asc('unit'));
}
