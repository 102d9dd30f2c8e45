/** The league page's section on the plan's other rules: which rules it lists, which it cannot compute and why, and its queries on a fixture. */
import { afterEach, describe, expect, it } from 'vitest';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { datasetColumns } from '../../../src/lib/rules/data-needs.ts';
import { COUNTY_2023_PRESET } from '../../../src/lib/rules/presets/county.ts';
import { GUIYANG_2021_PRESET } from '../../../src/lib/rules/presets/guiyang.ts';
import { JIUJIANG_2021_2023_PRESET } from '../../../src/lib/rules/presets/jiujiang.ts';
import { LISHUI_2018_PRESET } from '../../../src/lib/rules/presets/lishui.ts';
import { LIUZHOU_2022_PRESET } from '../../../src/lib/rules/presets/liuzhou.ts';
import { APPROVAL_KINDS } from '../../../src/lib/schema.ts';
import {
  calendarCovers,
  listedProjects,
  overLimit,
  planRules,
  planRuleSpecs,
  programmeResults,
  sizeClassResults
} from '../../../src/lib/views/league/plan-rules.ts';
import type { Engine } from '../db/engines.ts';
import { ruleDb } from './rule-fixture.ts';

const internal = datasetColumns({ public: false });
let engine: Engine | undefined;
afterEach(() => engine?.close());

describe('the plan’s other rules on the league page', () => {
  it('lists the county’s targets, approval limit and stalled rule, and says the low-risk limit needs a risk class', () => {
    const rules = planRules(COUNTY_2023_PRESET, internal);
    expect(rules.map((r) => [r.rule, r.kind, r.missing])).toEqual([
      ['programme_targets[0]', 'programme', []],
      ['programme_targets[1]', 'programme', []],
      ['size_class_targets[0]', 'size_class', []],
      ['size_class_targets[1]', 'size_class', []],
      ['size_class_targets[2]', 'size_class', []],
      ['size_class_targets[3]', 'size_class', []],
      ['approval_limits[0]', 'approval_limit', ['projects.risk_class']],
      ['stalled', 'stalled', []]
    ]);
    // The limit the data cannot count is not asked at all: the page says what it lacks instead of a zero.
    expect(Object.keys(planRuleSpecs(COUNTY_2023_PRESET, rules, '2023-06')).sort()).toEqual(['programme', 'size_class', 'stalled']);
  });

  it('lists each plan’s own rules: Guiyang its 80 working days, Lishui its leader thresholds, Jiujiang its 300亿, Liuzhou none', () => {
    const kinds = (p: Parameters<typeof planRules>[0]) => planRules(p, internal).map((r) => `${r.kind}:${r.missing.length}`);
    expect(kinds(GUIYANG_2021_PRESET)).toEqual(['approval_limit:0']);
    expect(kinds(LISHUI_2018_PRESET)).toEqual(['leader:0']);
    expect(kinds(JIUJIANG_2021_2023_PRESET)).toEqual(['programme:0']);
    expect(kinds(LIUZHOU_2022_PRESET)).toEqual([]);
  });

  it('says every rule needs the monthly reports where a dataset has only its projects', () => {
    const rules = planRules(JIUJIANG_2021_2023_PRESET, { projects: internal.projects });
    expect(rules[0].missing).toEqual(['monthly.completed_ytd']);
    expect(planRuleSpecs(JIUJIANG_2021_2023_PRESET, rules, '2022-06')).toEqual({});
  });

  it('does not count working days past the holiday calendar', () => {
    expect(calendarCovers('2024-12')).toBe(true);
    expect(calendarCovers('2099-01')).toBe(false);
    const rules = planRules(GUIYANG_2021_PRESET, internal);
    expect(planRuleSpecs(GUIYANG_2021_PRESET, rules, '2099-01').approval_limit).toBeUndefined();
  });

  it('reads the results: a year not judged, classes with the projects behind, each listed project once', () => {
    const [target] = JIUJIANG_2021_2023_PRESET.programme_targets!;
    expect(programmeResults([target], [{ target_id: target.id, value: 2_500_000, minimum: 3_000_000, met: null, measured: true }])).toEqual(
      [{ target, value: 2_500_000, minimum: 3_000_000, met: null, measured: true }]
    );
    const cls = COUNTY_2023_PRESET.size_class_targets![0];
    const rows = [
      { target_id: cls.id, id: 'A', name: 'a', met: true, on_pace: true },
      { target_id: cls.id, id: 'B', name: 'b', met: false, on_pace: false },
      { target_id: 'other', id: 'C', name: 'c', met: false, on_pace: false }
    ];
    expect(sizeClassResults([cls], rows)).toEqual([{ target: cls, projects: 2, met: 1, behind: [{ id: 'B', name: 'b' }] }]);
    expect(
      listedProjects([
        { id: 'P', name: 'p' },
        { id: 'P', name: 'p' },
        { id: 'Q', name: 'q' }
      ])
    ).toEqual([
      { id: 'P', name: 'p' },
      { id: 'Q', name: 'q' }
    ]);
  });

  it('asks DuckDB for the projects over Guiyang’s 80 working days, a 立项 years back counted on the whole calendar', async () => {
    const project = (id: string, start: string, last: string | null) => {
      const row: Record<string, string | null> = { id, name: id, district_code: 'D1', lead_unit: 'U1' };
      for (const k of APPROVAL_KINDS) {
        row[`approval_${k}`] = 'done';
        row[`approval_${k}_date`] = start;
      }
      row.approval_construction = last === null ? 'in_progress' : 'done';
      row.approval_construction_date = last;
      return row;
    };
    engine = await ruleDb({
      projects: [
        project('G1', '2021-01-04', '2021-04-29'),
        project('G5', '2021-01-04', '2021-04-30'),
        project('G2', '2021-01-04', null),
        project('G3', '2021-05-06', '2021-05-07'),
        // 立项 in 2015: outstanding ever since, long over
        project('G4', '2015-06-01', null)
      ]
    });
    const rules = planRules(GUIYANG_2021_PRESET, internal);
    const spec = planRuleSpecs(GUIYANG_2021_PRESET, rules, '2021-06').approval_limit!;
    const ctx = { month: toMonth('2021-06') } as QueryContext;
    const rows = await engine.rows(String(spec.query(ctx)));
    const over = overLimit(GUIYANG_2021_PRESET.approval_limits![0], rows);
    // From 4 January 2021: January 19 working days, February 17 (the Spring Festival 11–17 off, Sunday 7 and Saturday 20 worked),
    // March 23, April 21 to the 29th (Qingming on the 5th off, Sunday 25 worked): G1 on the 80th, G5 on the 81st; G2, still
    // outstanding at 30 June: April 30th 1, May 19 (1–5 off, Saturday 8 worked), June 21 (Dragon Boat on the 14th off).
    expect(over.map((p) => [p.id, p.workingDays])).toEqual([
      ['G2', 80 + 1 + 19 + 21],
      ['G4', expect.any(Number)],
      ['G5', 81]
    ]);
    expect(over[1].workingDays).toBeGreaterThan(1400);
  });
});
