/** The bulletin's district ranking, worked out by hand on a small fixture. */
import { describe, expect, it } from 'vitest';
import { rankDistricts, type DistrictMetrics } from '../../../src/lib/views/bulletin/ranking.ts';

const district = (code: string, gap: number | null): DistrictMetrics => ({
  district_code: code,
  district_name: code,
  projects: 1,
  annual_plan: gap === null ? 0 : 100,
  completed_ytd: 50,
  completion_rate: gap === null ? null : 0.5,
  elapsed_share: gap === null ? null : 0.5,
  gap_points: gap,
  rag: gap === null ? null : gap >= 0 ? 'green' : 'amber'
});

describe('rankDistricts', () => {
  it('ranks by the gap, highest first, equal gaps sharing a rank and the next rank skipped', () => {
    const ranked = rankDistricts([district('a', -3), district('b', 2), district('c', -3), district('d', -5)], null);
    expect(ranked.map((d) => [d.district_code, d.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4]
    ]);
  });

  it('puts a district without an annual plan last, unranked', () => {
    const ranked = rankDistricts([district('z', null), district('a', -1)], null);
    expect(ranked.map((d) => [d.district_code, d.rank, d.rankChange])).toEqual([
      ['a', 1, null],
      ['z', null, null]
    ]);
  });

  it('gives the places gained since the month before, none for a district not ranked then', () => {
    const before = [district('a', 1), district('b', 0), district('c', -1), district('d', null)];
    const now = [district('a', -2), district('b', 3), district('c', -1), district('d', 4)];
    const ranked = rankDistricts(now, before);
    expect(ranked.map((d) => [d.district_code, d.rank, d.rankChange])).toEqual([
      ['d', 1, null],
      ['b', 2, 0],
      ['c', 3, 0],
      ['a', 4, -3]
    ]);
  });
});
