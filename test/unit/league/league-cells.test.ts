import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/lib/i18n/translate.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { LISHUI_2018_PRESET } from '../../../src/lib/rules/presets/index.ts';
import { leagueCells, type CellContext } from '../../../src/lib/views/league/league-cells.ts';
import type { LeagueRow } from '../../../src/lib/views/league/league-rows.ts';

const ranking = LISHUI_2018_PRESET.ranking!;
const sequence = ranking.sequences[0];

const row = (unit: string, rank: number | null, extra: Partial<LeagueRow> = {}): LeagueRow => ({
  unit,
  unit_name: `区${unit}`,
  projects: 10,
  rankable: rank !== null,
  composite: rank === null ? null : 50 - rank,
  composite_rank: rank,
  rank_change: null,
  target_met: null,
  red_list: false,
  black_list: false,
  values: { gap_points: -3.25 },
  ranks: { gap_points: rank },
  scores: {},
  ...extra
});

function cells(overrides: Partial<CellContext> = {}) {
  const ranked = [row('a', 1, { red_list: true, rank_change: 2, target_met: true }), row('b', 2), row('c', 2, { rank_change: -1 })];
  return leagueCells({
    t: (key, params) => translate('zh-CN', key, params),
    locale: 'zh-CN',
    ranking,
    sequence,
    months: { current: toMonth('2018-06'), previous: toMonth('2018-05') },
    metrics: ['gap_points'],
    missing: new Map(),
    ranked,
    unranked: [row('d', null, { projects: 1 })],
    ties: new Set([2]),
    districtNameEn: () => 'District',
    ...overrides
  });
}

describe('a league table in words', () => {
  it('names shared ranks, rank changes and list places as the page shows them', () => {
    const c = cells();
    expect(c.rankText(1)).toBe('1');
    expect(c.rankText(2)).toBe(translate('zh-CN', 'league.tie', { rank: 2 }));
    expect(c.changeText(row('x', 1, { rank_change: 2 }))).toBe(translate('zh-CN', 'league.up', { n: 2 }));
    expect(c.changeText(row('x', 1, { rank_change: -1 }))).toBe(translate('zh-CN', 'league.down', { n: 1 }));
    expect(c.listCell(row('x', 1, { red_list: true }))).toBe(translate('zh-CN', 'league.red'));
    expect(c.metricCell('gap_points', row('x', 3))).toBe('−3.3 #3');
  });

  it('says a metric the dataset cannot give is missing, never zero', () => {
    const c = cells({ missing: new Map([['gap_points', ['planned_ytd']]]) });
    expect(c.metricCell('gap_points', row('x', 3))).toBe(translate('zh-CN', 'league.noValue'));
  });

  it('without a period before, every change says so', () => {
    const c = cells({ months: { current: toMonth('2018-01'), previous: null } });
    expect(c.changeText(row('x', 1, { rank_change: 2 }))).toBe(translate('zh-CN', 'league.noPrevious'));
  });

  it('draws the same cells in the picture, with the red list, the unranked units and the source under it', () => {
    const picture = cells().picture({ zh: '丽水', en: 'Lishui' });
    expect(picture.rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['1', '区a'],
      [translate('zh-CN', 'league.tie', { rank: 2 }), '区b'],
      [translate('zh-CN', 'league.tie', { rank: 2 }), '区c']
    ]);
    expect(picture.rows[0].tone).toBe('red');
    expect(picture.header).toHaveLength(8);
    expect(picture.notes.join('\n')).toContain('区a');
    expect(picture.notes.join('\n')).toContain('区d（1）');
    expect(picture.title).toContain('丽水');
  });

  it('names districts in English from the boundaries on an English page', () => {
    const c = cells({ locale: 'en', t: (key, params) => translate('en', key, params) });
    expect(c.unitName(row('a', 1))).toBe(sequence.unit === 'district' ? 'District' : '区a');
  });
});
