/** The bench's league mark: every league metric ranked without changing the composite, its targets, and its options. */
import { describe, expect, it } from 'vitest';
import { allMetricsRanking, leagueTarget, leagueTargetLine, type LeagueResult } from '../../../scripts/bench/league.ts';
import { parseBenchArgs } from '../../../scripts/bench/options.ts';
import { leagueMetrics } from '../../../src/lib/league/league-sql.ts';
import { LEAGUE_METRICS } from '../../../src/lib/rules/preset-schema.ts';
import { DEFAULT_PRESET } from '../../../src/lib/rules/presets/common.ts';

describe('the league bench mark', () => {
  it('ranks every league metric, the ones the preset leaves out at weight 0, the preset’s items unchanged', () => {
    const preset = DEFAULT_PRESET.ranking!;
    const all = allMetricsRanking(preset);
    expect(new Set(leagueMetrics(all))).toEqual(new Set(Object.keys(LEAGUE_METRICS)));
    expect(all.composite.items.slice(0, preset.composite.items.length)).toEqual(preset.composite.items);
    for (const item of all.composite.items.slice(preset.composite.items.length)) expect(item.weight).toBe(0);
  });

  it('holds the issue’s targets: 150 ms at 1k projects, 1 s at 1M', () => {
    expect(leagueTarget(1000)).toBe(150);
    expect(leagueTarget(1_000_000)).toBe(1000);
    const result = { median_ms: 151, target_ms: 150 } as LeagueResult;
    expect(leagueTargetLine(result).met).toBe(false);
    expect(leagueTargetLine({ ...result, median_ms: 150 }).met).toBe(true);
    expect(leagueTargetLine({ ...result, median_ms: null }).met).toBeNull();
  });

  it('is asked for with --league, alone with --league-only', () => {
    expect(parseBenchArgs(['--league'])).toMatchObject({ league: true, leagueOnly: false });
    expect(parseBenchArgs(['--league-only'])).toMatchObject({ league: true, leagueOnly: true });
    expect(parseBenchArgs([])).toMatchObject({ league: false, leagueOnly: false });
  });
});
