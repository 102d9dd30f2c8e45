/** Approval time limits in working days, across the 2024 Spring Festival and its working Sundays, run on @duckdb/node-api. */
import { afterEach, describe, expect, it } from 'vitest';
import { approvalLimitQuery } from '../../../src/lib/league/approval-limits.ts';
import { APPROVAL_KINDS } from '../../../src/lib/schema.ts';
import { GUIYANG_2021_PRESET } from '../../../src/lib/rules/presets/guiyang.ts';
import { COUNTY_2023_PRESET } from '../../../src/lib/rules/presets/county.ts';
import { addWorkingDays } from '../../../src/lib/rules/working-days.ts';
import type { Engine } from '../db/engines.ts';
import { ruleDb } from './rule-fixture.ts';

let engine: Engine | undefined;
afterEach(() => engine?.close());
const day = (v: unknown) => (v === null ? null : (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10));

/** Project approval (立项) on `start`, the construction permit on `last` (or in progress), the others done on `start` or not required. */
function project(id: string, start: string, last: string | null, status = 'done') {
  const row: Record<string, string | null> = { id, name: id, district_code: 'D1', lead_unit: 'U1' };
  for (const k of APPROVAL_KINDS) {
    row[`approval_${k}`] = k === 'energy' ? 'not_required' : 'done';
    row[`approval_${k}_date`] = k === 'energy' ? null : start;
  }
  row.approval_project = status;
  row.approval_construction = last === null ? 'in_progress' : 'done';
  row.approval_construction_date = last;
  return row;
}

const limit80 = GUIYANG_2021_PRESET.approval_limits![0];

describe('approval limits in working days', () => {
  it('counts 80 working days from 2 January 2024 to 28 April (a working Sunday), and 81 to the 29th: over', async () => {
    engine = await ruleDb({
      projects: [
        project('A1', '2024-01-02', '2024-04-28'),
        project('A2', '2024-01-02', '2024-04-29'),
        project('A3', '2024-01-02', null),
        project('A4', '2024-03-01', '2024-03-01'),
        project('A5', '2024-01-02', '2024-02-01', 'pending'),
        project('A6', '2024-05-06', '2024-05-07')
      ]
    });
    const rows = await engine.rows(String(approvalLimitQuery('2024-04', limit80, 2024)));
    expect(rows.map((r) => [r.id, day(r.finished_on), day(r.due_on), r.working_days, r.over])).toEqual([
      ['A1', '2024-04-28', '2024-04-28', 80, false],
      ['A2', '2024-04-29', '2024-04-28', 81, true],
      // still outstanding at the month end, 30 April: 82 working days so far
      ['A3', null, '2024-04-28', 82, true],
      ['A4', '2024-03-01', addWorkingDays('2024-03-01', 80), 0, false]
    ]);
  });

  it('refuses a limit the data cannot count (the county’s low-risk projects need a risk class)', () => {
    expect(() => approvalLimitQuery('2023-06', COUNTY_2023_PRESET.approval_limits![0], 2023)).toThrow(/risk class/);
  });
});
