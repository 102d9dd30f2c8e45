/** The league page's pure parts: weights in the URL, the rules whose data is missing, ties for 并列, the months a ranking reads. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESET, JIUJIANG_2021_2023_PRESET } from '../../../src/lib/rules/presets/index.ts';
import { datasetColumns } from '../../../src/lib/rules/data-needs.ts';
import { leagueMonths } from '../../../src/lib/views/league/league-query.ts';
import { missingLeagueData } from '../../../src/lib/views/league/league-needs.ts';
import { leagueRows, tiedRanks } from '../../../src/lib/views/league/league-rows.ts';
import { readWeights, weightsParam, withWeights } from '../../../src/lib/views/league/weights.ts';

const ranking = DEFAULT_PRESET.ranking!;

describe('weights in the URL', () => {
  it('writes only the weights that differ from the preset, in its order, and reads them back', () => {
    const w = { start_rate: 2, gap_points: 0.5, reports_late_rate: 0 };
    const param = weightsParam(ranking, w);
    expect(param).toBe('start_rate:2,reports_late_rate:0');
    expect(readWeights(new URLSearchParams({ w: param }), ranking)).toEqual({ start_rate: 2, reports_late_rate: 0 });
  });

  it('ignores unknown items, negative and non-numeric weights', () => {
    expect(readWeights(new URLSearchParams({ w: 'nope:1,start_rate:-1,finish_rate:x,approvals_rate:,gap_points:3' }), ranking)).toEqual({
      gap_points: 3
    });
  });

  it('puts the user’s weights in place of the preset’s and leaves the rest as they are', () => {
    const items = withWeights(ranking, { start_rate: 4 }).composite.items;
    expect(items.find((i) => i.metric === 'start_rate')!.weight).toBe(4);
    expect(items.find((i) => i.metric === 'gap_points')).toEqual(ranking.composite.items.find((i) => i.metric === 'gap_points'));
  });
});

describe('data a ranking needs', () => {
  it('finds nothing missing in an internal dataset', () => {
    expect(missingLeagueData(DEFAULT_PRESET, datasetColumns({ public: false })).size).toBe(0);
  });

  it('names the columns a public dataset lacks for each metric, never reporting them as zeros', () => {
    const missing = missingLeagueData(DEFAULT_PRESET, datasetColumns({ public: true }));
    expect(missing.get('reports_late_rate')).toEqual(['monthly.reported_on']);
    expect(missing.get('problem_close_rate')).toEqual(['problems.status', 'problems.closed_on']);
  });
});

describe('ties and months', () => {
  it('marks ranks held by more than one unit', () => {
    const rows = leagueRows(
      [1, 2, 2, 4].map((rank, i) => ({ unit: `u${i}`, projects: 3, rankable: true, composite_rank: rank })),
      []
    );
    expect([...tiedRanks(rows)]).toEqual([2]);
  });

  it('reads a quarterly ranking at its quarter end and the quarter before, only where the data has them', () => {
    const period = JIUJIANG_2021_2023_PRESET.ranking!.period;
    const months = leagueMonths('2022-08', period, ['2022-03', '2022-06', '2022-08']);
    expect([months.current?.key, months.previous?.key]).toEqual(['2022-06', '2022-03']);
    expect(leagueMonths('2022-08', period, ['2022-06']).previous).toBeNull();
  });
});
