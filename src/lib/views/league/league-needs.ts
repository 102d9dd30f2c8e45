/** The league's metrics whose rule needs data the dataset lacks (rules/data-needs.ts), with the columns missing. */
import { ruleDataNeeds, type AvailableColumns } from '../../rules/data-needs.ts';
import type { LeagueMetric, RulePreset } from '../../rules/preset-schema.ts';

export function missingLeagueData(preset: RulePreset, available: AvailableColumns): Map<LeagueMetric, string[]> {
  const missing = new Map<LeagueMetric, string[]>();
  const ranking = preset.ranking;
  if (!ranking) return missing;
  for (const need of ruleDataNeeds(preset, available)) {
    const item = /^ranking\.composite\.items\[(\d+)\]$/.exec(need.rule);
    const metric = item
      ? ranking.composite.items[Number(item[1])]?.metric
      : need.rule === 'ranking.target_met'
        ? ranking.target_met.metric
        : undefined;
    if (metric) missing.set(metric, [...new Set([...(missing.get(metric) ?? []), ...need.missing])]);
  }
  return missing;
}
