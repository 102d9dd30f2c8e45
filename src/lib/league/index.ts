/**
 * The plans' rules as SQL builders (mosaic-sql, every preset value through literal()): the league
 * table with ranks, composite, red and black lists and rank changes (league-sql.ts), ranking
 * periods, missed monthly targets and demerits, stalled projects, size-class and programme
 * targets, approval limits in working days, leader-threshold breaches and task notices. Each
 * reads the month's facts or the source tables by their schema names.
 */
export { leagueMetrics, leagueTableQuery, leagueWithChangeQuery, unitValuesQuery, type UnitValuesOptions } from './league-sql.ts';
export { periodLabel, previousRankingMonth, rankingMonth } from './periods.ts';
export { demeritsByUnitQuery, missedTargetsQuery } from './demerits.ts';
export { stalledProjectsQuery } from './stalled.ts';
export { sizeClassTargetsQuery } from './size-class.ts';
export { programmeTargetsQuery } from './programme-targets.ts';
export { approvalLimitQuery } from './approval-limits.ts';
export { approvalsOnTimeQuery, judgeableLimit, onTimeLimit } from './approvals-on-time.ts';
export { leaderBreachesQuery } from './leader-breaches.ts';
export { taskNoticesQuery } from './task-notices.ts';
