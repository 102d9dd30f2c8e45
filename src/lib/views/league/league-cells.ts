/**
 * A league table's cells in words, as the page shows them and as its PNG image draws them (one
 * wording for both): ranks with 并列, rank changes, targets, list places, each metric's value and
 * rank, the red and black lists and the units left unranked.
 */
import { formatNumber, formatPercent } from '../../i18n/format.ts';
import type { MessageParams } from '../../i18n/translate.ts';
import { periodLabel } from '../../league/periods.ts';
import type { LeagueMetric, RankingRule, RankingSequence } from '../../rules/preset-schema.ts';
import type { PictureTable } from './league-png.ts';
import type { LeagueMonths } from './league-query.ts';
import { isShare, lowerIsBetter, type LeagueRow } from './league-rows.ts';

export interface CellContext {
  t: (key: string, params?: MessageParams) => string;
  locale: 'zh-CN' | 'en';
  ranking: RankingRule;
  sequence: RankingSequence;
  months: LeagueMonths;
  metrics: readonly LeagueMetric[];
  /** Metrics whose rule needs columns the dataset lacks. */
  missing: ReadonlyMap<LeagueMetric, string[]>;
  ranked: readonly LeagueRow[];
  unranked: readonly LeagueRow[];
  /** Ranks shared by more than one unit. */
  ties: ReadonlySet<number>;
  /** English names of districts by code (the facts name them in Chinese). */
  districtNameEn: (code: string) => string | undefined;
}

export function leagueCells(c: CellContext) {
  const { t } = c;
  const local = (n: { zh: string; en: string }) => (c.locale === 'zh-CN' ? n.zh : n.en);
  const value = (m: LeagueMetric, v: number | null | undefined): string => {
    if (c.missing.has(m) || v === null || v === undefined) return t('league.noValue');
    if (isShare(m)) return formatPercent(v);
    return `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatNumber(Math.abs(v), 1)}`;
  };
  const score = (v: number | null) => (v === null ? t('league.noValue') : formatNumber(v, 2));
  const rankText = (rank: number | null): string => {
    if (rank === null) return t('league.noValue');
    return c.ties.has(rank) ? t('league.tie', { rank }) : String(rank);
  };
  const changeText = (row: LeagueRow): string => {
    if (!c.months.previous) return t('league.noPrevious');
    if (row.rank_change === null) return t('league.noValue');
    if (row.rank_change > 0) return t('league.up', { n: row.rank_change });
    if (row.rank_change < 0) return t('league.down', { n: -row.rank_change });
    return t('league.same');
  };
  const unitName = (row: LeagueRow) =>
    (c.sequence.unit === 'district' && c.locale === 'en' ? c.districtNameEn(row.unit) : undefined) ?? row.unit_name;
  const joined = (names: string[]) => names.join(c.locale === 'en' ? ', ' : '、') || t('league.lists.none');
  const listText = (which: 'red' | 'black') => {
    const size = (which === 'red' ? c.ranking.red_list : c.ranking.black_list)?.size ?? 0;
    const units = c.ranked.filter((r) => (which === 'red' ? r.red_list : r.black_list)).map(unitName);
    return t(`league.lists.${which}`, { n: size, units: joined(units) });
  };
  const targetText = (row: LeagueRow) =>
    row.target_met === null ? t('league.noValue') : t(row.target_met ? 'league.met' : 'league.missed');
  const listCell = (row: LeagueRow) => (row.red_list ? t('league.red') : row.black_list ? t('league.black') : '');
  const metricCell = (m: LeagueMetric, row: LeagueRow) =>
    `${value(m, row.values[m])}${!c.missing.has(m) && row.ranks[m] !== null ? ` #${row.ranks[m]}` : ''}`;

  /** The table as a picture: the cells as shown, the lists and the units not ranked under it. */
  const picture = (datasetName: { zh: string; en: string }): PictureTable => {
    const dataset = local(datasetName);
    const { ranking, months } = c;
    const period = months.current
      ? t('league.period', { period: t(`league.period.${ranking.period}`), label: periodLabel(months.current.key, ranking.period) })
      : '';
    return {
      title: t('league.png.title', { dataset, sequence: local(c.sequence.name) }),
      subtitle: `${period}${c.locale === 'en' ? ' · ' : '　'}${t('league.sequence.caption', { n: c.ranked.length, min: ranking.min_projects })}`,
      header: [
        t('league.col.rank'),
        t('league.col.unit'),
        t('league.col.composite'),
        t('league.col.change'),
        t('league.col.target'),
        t('league.col.lists'),
        t('league.col.projects'),
        ...c.metrics.map((m) => `${t(`league.metric.${m}`)}${lowerIsBetter(m) ? ' ↓' : ''}`)
      ],
      leftColumns: [1],
      rows: c.ranked.map((row) => ({
        cells: [
          rankText(row.composite_rank),
          unitName(row),
          score(row.composite),
          changeText(row),
          targetText(row),
          listCell(row),
          formatNumber(row.projects),
          ...c.metrics.map((m) => metricCell(m, row))
        ],
        tone: row.red_list ? 'red' : row.black_list ? 'black' : null
      })),
      notes: [
        ranking.red_list ? listText('red') : '',
        ranking.black_list ? listText('black') : '',
        c.unranked.length
          ? `${t('league.unranked.title', { min: ranking.min_projects })}${c.locale === 'en' ? ': ' : '：'}${joined(c.unranked.map((r) => `${unitName(r)}（${formatNumber(r.projects)}）`))}`
          : '',
        t('league.png.source', { dataset })
      ].filter(Boolean)
    };
  };

  return { value, score, rankText, changeText, unitName, listText, targetText, listCell, metricCell, picture };
}
