/**
 * What a sequence's league table exports: the same query as the table on screen, its columns
 * named in the page's language, booleans written as words.
 */
import { column, literal, Query, sql } from '@uwdata/mosaic-sql';
import { coreExportSource } from '../../export/source.ts';
import type { ExportRequest } from '../../export/run.ts';
import type { ExportColumn, ExportFormat } from '../../export/types.ts';
import type { Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';
import { leagueMetrics } from '../../league/league-sql.ts';
import type { RankingRule, RankingSequence } from '../../rules/preset-schema.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import { sequenceLeagueQuery, type LeagueMonths } from './league-query.ts';
import { isShare } from './league-rows.ts';

export function leagueExportRequest(
  ws: Workspace,
  ranking: RankingRule,
  sequence: RankingSequence,
  months: LeagueMonths,
  locale: Locale,
  format: ExportFormat
): ExportRequest {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const table = sequenceLeagueQuery(ws.core.context(), ranking, sequence, months);
  if (!table) throw new Error(t('league.noMonth', { month: ws.month }));
  const metrics = leagueMetrics(ranking);
  const word = (flag: string, yes: string, no: string) => sql`CASE WHEN ${column(flag)} THEN ${literal(t(yes))} ELSE ${literal(t(no))} END`;
  const query = Query.from({ l: table }).select({
    composite_rank: column('composite_rank'),
    unit_name: column('unit_name'),
    composite: column('composite'),
    rank_change: months.previous ? column('rank_change') : sql`CAST(NULL AS INTEGER)`,
    target_met: sql`CASE WHEN target_met IS NULL THEN NULL ELSE ${word('target_met', 'league.met', 'league.missed')} END`,
    list: sql`CASE WHEN red_list THEN ${literal(t('league.red'))} WHEN black_list THEN ${literal(t('league.black'))} END`,
    projects: column('projects'),
    ...Object.fromEntries(metrics.map((m) => [m, column(m)]))
  });
  const columns: ExportColumn[] = [
    { id: 'composite_rank', label: t('league.col.rank'), kind: 'number' },
    { id: 'unit_name', label: t('league.col.unit'), kind: 'text' },
    { id: 'composite', label: t('league.col.composite'), kind: 'number' },
    { id: 'rank_change', label: t('league.col.change'), kind: 'number' },
    { id: 'target_met', label: t('league.col.target'), kind: 'text' },
    { id: 'list', label: t('league.col.lists'), kind: 'text' },
    { id: 'projects', label: t('league.col.projects'), kind: 'number' },
    ...metrics.map((m): ExportColumn => ({ id: m, label: t(`league.metric.${m}`), kind: isShare(m) ? 'percent' : 'number' }))
  ];
  const name = locale === 'en' ? ws.dataset.meta.name.en : ws.dataset.meta.name.zh;
  const about = {
    dataset: { id: ws.datasetId, name },
    month: months.current?.key ?? ws.month,
    filters: [],
    filterSummary: locale === 'en' ? sequence.name.en : sequence.name.zh,
    order: t('league.col.rank'),
    locale
  };
  return { source: coreExportSource(ws.core), query, columns, about, format };
}
