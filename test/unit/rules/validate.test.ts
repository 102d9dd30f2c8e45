import { describe, expect, it } from 'vitest';
import { checkPreset, parsePreset, PresetError, formatIssue } from '../../../src/lib/rules/validate.ts';
import {
  DEFAULT_PRESET,
  PLAN_PRESETS,
  COUNTY_2023_PRESET,
  LISHUI_2018_PRESET,
  GUIYANG_2021_PRESET
} from '../../../src/lib/rules/presets/index.ts';
import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';

/** The preset as JSON would give it, with `edit` applied to a deep copy (any shape: the point is to break it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edited(preset: RulePreset, edit: (p: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(preset));
  edit(copy);
  return copy;
}

function issuesOf(value: unknown) {
  const result = checkPreset(value, 'rule_preset');
  return result.ok ? [] : result.issues;
}

describe('the five plans’ presets', () => {
  it.each([DEFAULT_PRESET, ...PLAN_PRESETS].map((p) => [p.id, p]))('%s validates, also after a trip through JSON', (_id, preset) => {
    expect(issuesOf(preset)).toEqual([]);
    expect(checkPreset(JSON.parse(JSON.stringify(preset)))).toEqual({ ok: true, preset });
  });
});

describe('an invalid preset names the key and what it allows', () => {
  it('an unknown key, such as a misspelt one', () => {
    expect(issuesOf(edited(COUNTY_2023_PRESET, (p) => (p.reports.due_days = 5)))).toEqual([
      {
        path: 'rule_preset.reports.due_days',
        message: 'unknown key',
        allowed: 'the keys due_day, due_month',
        zh: { message: '未知的键', allowed: '键 due_day、due_month' }
      }
    ]);
  });

  it('a preset in the old flat form (generator v11) is refused key by key', () => {
    const old = { id: 'x', rag_amber_points: 10, report_due_day: 5, report_due_next_month: true };
    const paths = issuesOf(old).map((i) => i.path);
    expect(paths).toContain('rule_preset.rag_amber_points');
    expect(paths).toContain('rule_preset.rag');
    expect(issuesOf(old).find((i) => i.path === 'rule_preset.rag')?.message).toBe('missing');
  });

  it('a wrong type', () => {
    expect(issuesOf(edited(COUNTY_2023_PRESET, (p) => (p.reports.due_day = '5')))).toEqual([
      {
        path: 'rule_preset.reports.due_day',
        message: '"5" is not allowed',
        allowed: 'an integer from 1 to 31',
        zh: { message: '不能是 "5"', allowed: '1 到 31 之间的整数' }
      }
    ]);
  });

  it('a value out of range, deep in a list', () => {
    const [issue] = issuesOf(edited(COUNTY_2023_PRESET, (p) => (p.size_class_targets[1].target.min_share = 90)));
    expect(issue).toEqual({
      path: 'rule_preset.size_class_targets[1].target.min_share',
      message: '90 is not allowed',
      allowed: 'a number from 0 to 1',
      zh: { message: '不能是 90', allowed: '0 到 1 之间的数' }
    });
    expect(formatIssue(issue)).toBe(
      'rule_preset.size_class_targets[1].target.min_share: 90 is not allowed (allowed: a number from 0 to 1)'
    );
  });

  it('a value outside an enumeration, with the values allowed', () => {
    expect(issuesOf(edited(DEFAULT_PRESET, (p) => (p.ranking.period = 'week')))[0]).toMatchObject({
      path: 'rule_preset.ranking.period',
      allowed: 'one of "month", "quarter"'
    });
  });

  it('an unknown kind of a tagged shape', () => {
    expect(issuesOf(edited(DEFAULT_PRESET, (p) => (p.rag.basis = 'percent')))[0]).toEqual({
      path: 'rule_preset.rag.basis',
      message: '"percent" is not allowed',
      allowed: 'one of points_behind, share_of_elapsed',
      zh: { message: '不能是 "percent"', allowed: 'points_behind、share_of_elapsed 之一' }
    });
  });

  it('money with more than two decimals of 万元', () => {
    expect(issuesOf(edited(COUNTY_2023_PRESET, (p) => (p.size_class_targets[0].min_total_wan = 3000.125)))[0]).toMatchObject({
      path: 'rule_preset.size_class_targets[0].min_total_wan',
      allowed: '万元: a number ≥ 0 with at most two decimals'
    });
  });

  it('thresholds in the wrong order', () => {
    const wuhan = edited(DEFAULT_PRESET, (p) => (p.rag = { basis: 'share_of_elapsed', green_min_share: 0.6, amber_min_share: 0.8 }));
    expect(issuesOf(wuhan)[0]).toMatchObject({
      path: 'rule_preset.rag.amber_min_share',
      allowed: 'a number from 0 to 0.6',
      zh: { message: '0.8 大于 green_min_share', allowed: '0 到 0.6 之间的数' }
    });
  });

  it('a composite scoring by rank points without the bands', () => {
    expect(issuesOf(edited(DEFAULT_PRESET, (p) => delete p.ranking.composite.rank_points))[0]).toMatchObject({
      path: 'rule_preset.ranking.composite.rank_points'
    });
  });

  it('rank bands that overlap', () => {
    const bad = edited(DEFAULT_PRESET, (p) => (p.ranking.composite.rank_points[1].from_rank = 3));
    expect(issuesOf(bad)[0]).toMatchObject({ path: 'rule_preset.ranking.composite.rank_points[1].from_rank', allowed: 'a rank above 3' });
  });

  it('a ladder whose notices do not increase, or whose first step waits on a step before it', () => {
    expect(issuesOf(edited(COUNTY_2023_PRESET, (p) => (p.escalation.steps[2].when.notices = 2)))[0]).toMatchObject({
      path: 'rule_preset.escalation.steps[2].when.notices',
      allowed: 'an integer above 2'
    });
    expect(issuesOf(edited(LISHUI_2018_PRESET, (p) => (p.escalation.steps[0].when = { kind: 'month_end' })))[0]).toMatchObject({
      path: 'rule_preset.escalation.steps[0].when.kind'
    });
  });

  it('a ladder whose ledger levels go down (the ladder reads the level as how far up a problem is)', () => {
    expect(issuesOf(edited(GUIYANG_2021_PRESET, (p) => (p.escalation.steps[3].level = 'district')))[0]).toMatchObject({
      path: 'rule_preset.escalation.steps[3].level',
      allowed: 'one of city_government, province'
    });
  });

  it('an id used twice in a list', () => {
    expect(issuesOf(edited(COUNTY_2023_PRESET, (p) => (p.programme_targets[1].id = p.programme_targets[0].id)))[0]).toMatchObject({
      path: 'rule_preset.programme_targets[1].id'
    });
  });

  it('parsePreset throws every issue with the file named', () => {
    const bad = edited(COUNTY_2023_PRESET, (p) => ((p.reports.due_day = 0), (p.extra = true)));
    expect(() => parsePreset(bad, 'static/data/county-2023/meta.json')).toThrow(PresetError);
    expect(() => parsePreset(bad, 'static/data/county-2023/meta.json')).toThrow(
      /static\/data\/county-2023\/meta\.json: invalid rule preset\n {2}rule_preset\.extra: unknown key .*\n {2}rule_preset\.reports\.due_day: 0 is not allowed \(allowed: an integer from 1 to 31\)/
    );
  });
});
