import { describe, expect, it } from 'vitest';
import { periodLabel, previousRankingMonth, rankingMonth } from '../../../src/lib/league/periods.ts';

describe('ranking periods', () => {
  it('ranks every month on the month, against the month before, across the new year', () => {
    expect(rankingMonth('2022-06', 'month')).toBe('2022-06');
    expect(previousRankingMonth('2022-06', 'month')).toBe('2022-05');
    expect(previousRankingMonth('2022-01', 'month')).toBe('2021-12');
  });

  it('ranks every quarter (Jiujiang 一季一排位) on the last quarter end, against the quarter before', () => {
    expect(rankingMonth('2022-06', 'quarter')).toBe('2022-06');
    expect(rankingMonth('2022-08', 'quarter')).toBe('2022-06');
    expect(previousRankingMonth('2022-08', 'quarter')).toBe('2022-03');
    expect(rankingMonth('2022-02', 'quarter')).toBe('2021-12');
    expect(previousRankingMonth('2022-03', 'quarter')).toBe('2021-12');
    expect(periodLabel('2022-09', 'quarter')).toBe('2022-Q3');
  });
});
