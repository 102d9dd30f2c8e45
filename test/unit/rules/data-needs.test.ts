import { describe, expect, it } from 'vitest';
import { datasetColumns, ruleDataNeeds } from '../../../src/lib/rules/data-needs.ts';
import {
  COUNTY_2023_PRESET,
  GUIYANG_2021_PRESET,
  JIUJIANG_2021_2023_PRESET,
  LISHUI_2018_PRESET,
  LIUZHOU_2022_PRESET
} from '../../../src/lib/rules/presets/index.ts';
import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';

const FULL = datasetColumns({});

describe('ruleDataNeeds', () => {
  it('finds nothing missing for the plans whose rules the demo data can feed', () => {
    for (const preset of [LIUZHOU_2022_PRESET, LISHUI_2018_PRESET, GUIYANG_2021_PRESET, JIUJIANG_2021_2023_PRESET])
      expect(ruleDataNeeds(preset, FULL), preset.id).toEqual([]);
  });

  it('says the county’s low-risk approval limit needs a risk class no dataset has', () => {
    expect(ruleDataNeeds(COUNTY_2023_PRESET, FULL)).toEqual([{ rule: 'approval_limits[0]', missing: ['projects.risk_class'] }]);
  });

  it('says every rule on monthly reports or problems has nothing to read in a public build', () => {
    const needs = ruleDataNeeds(LISHUI_2018_PRESET, datasetColumns({ public: true }));
    expect(needs.find((n) => n.rule === 'rag')?.missing).toEqual(['monthly.completed_ytd']);
    expect(needs.find((n) => n.rule === 'leader_thresholds')?.missing).toEqual(['projects.lead_official', 'projects.lead_official_rank']);
    expect(needs.find((n) => n.rule === 'escalation.steps[0]')?.missing).toEqual(['problems.raised_on']);
  });

  it('says a step that counts days after a notice needs the notice’s date', () => {
    const preset: RulePreset = {
      ...COUNTY_2023_PRESET,
      approval_limits: undefined,
      escalation: {
        steps: [
          ...COUNTY_2023_PRESET.escalation!.steps.slice(0, 2),
          {
            id: 'later',
            actor: { zh: '县长', en: 'county head' },
            action: 'interview',
            when: { kind: 'days_at_previous_step', days: 5, day_kind: 'working' }
          }
        ]
      }
    };
    expect(ruleDataNeeds(preset, FULL)).toEqual([{ rule: 'escalation.steps[2]', missing: ['problems.last_notice_on'] }]);
  });

  it('says which columns a monthly table without planned targets lacks, for monthly targets and demerit points', () => {
    const monthly = FULL.monthly!.filter((c) => c !== 'planned_ytd');
    expect(ruleDataNeeds(LISHUI_2018_PRESET, { ...FULL, monthly }).map((n) => n.rule)).toEqual(['plan_basis', 'missed_target_penalty']);
  });
});
