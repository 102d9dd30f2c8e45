/**
 * The escalation ladders of the five presets on hand-made problems. Every expected date below was
 * counted by hand on the State Council's holiday notices, not by the code under test:
 * - Spring Festival 2024: off Sat 10 – Sat 17 February; Sun 4 and Sun 18 February worked (调休).
 * - National Day 2024: off 1–7 October; Sun 29 September and Sat 12 October worked.
 * - 2027: no notice in chinese-days yet (it covers 2004–2026).
 */
import { describe, expect, it } from 'vitest';
import { ladderAt, ladderCalendarYears, type LadderProblem } from '../../../src/lib/rules/escalation.ts';
import type { EscalationStep } from '../../../src/lib/rules/preset-schema.ts';
import {
  COUNTY_2023_PRESET,
  GUIYANG_2021_PRESET,
  JIUJIANG_2021_2023_PRESET,
  LISHUI_2018_PRESET,
  LIUZHOU_2022_PRESET
} from '../../../src/lib/rules/presets/index.ts';

const problem = (o: Partial<LadderProblem>): LadderProblem => ({
  raised_on: '2024-02-02',
  deadline: '2024-02-20',
  level: 'district',
  notices: 0,
  interviews: 0,
  settled: false,
  ...o
});

const guiyang = GUIYANG_2021_PRESET.escalation!.steps;
const lishui = LISHUI_2018_PRESET.escalation!.steps;
const county = COUNTY_2023_PRESET.escalation!.steps;

describe('Guiyang: district → city task force (10 working days) → city government (month end) → province (20 working days)', () => {
  // Raised Fri 2 Feb 2024. 10 working days: Sun 4 (1), 5–9 (2–6), holiday 10–17, Sun 18 (7), 19 (8), 20 (9), Wed 21 (10).
  // City government at the end of February: Thu 29 (a leap year). Province 20 working days on: 1 Mar (1), 4–8, 11–15, 18–22 (16), 25–28 (20).
  it('as at 29 February 2024 a problem raised on 2 February has reached the city government, and the province is due on 28 March', () => {
    const s = ladderAt(guiyang, problem({}), '2024-02-29');
    expect(s.reached).toBe(2);
    expect(s.next).toEqual({ index: 3, due: '2024-03-28', afterNotices: null });
  });

  it('still sitting at the district it has overrun its step; at the city government it has not', () => {
    expect(ladderAt(guiyang, problem({ level: 'district' }), '2024-02-29')).toMatchObject({ recorded: 0, overrun: true });
    expect(ladderAt(guiyang, problem({ level: 'city_government' }), '2024-02-29')).toMatchObject({ recorded: 2, overrun: false });
  });

  it('as at 31 March it is past the province step (28 March): at the city government it has overrun, at the province not', () => {
    expect(ladderAt(guiyang, problem({ level: 'city_government' }), '2024-03-31')).toMatchObject({
      reached: 3,
      next: null,
      overrun: true
    });
    expect(ladderAt(guiyang, problem({ level: 'province' }), '2024-03-31')).toMatchObject({ reached: 3, recorded: 3, overrun: false });
  });

  // Raised Tue 20 Feb: 21–23 (3), 26–29 (7), Fri 1 Mar (8), Mon 4 (9), Tue 5 March (10).
  it('a problem raised on 20 February goes to the city task force on 5 March, so at the end of February it is on time at the district', () => {
    const s = ladderAt(guiyang, problem({ raised_on: '2024-02-20', deadline: '2024-03-20' }), '2024-02-29');
    expect(s).toMatchObject({ reached: 0, recorded: 0, overrun: false });
    expect(s.next).toEqual({ index: 1, due: '2024-03-05', afterNotices: null });
  });

  it('a settled problem has no next step and has overrun nothing', () => {
    expect(ladderAt(guiyang, problem({ settled: true }), '2024-02-29')).toMatchObject({ next: null, overrun: false });
  });

  // Raised Sun 20 Dec 2026: 21–25 (5), 28–31 (9); the 10th working day is in January 2027, which the calendar does not know.
  it('a step whose working days run into 2027 cannot be dated: not reached, no due date, and said so', () => {
    const s = ladderAt(guiyang, problem({ raised_on: '2026-12-20', deadline: '2027-01-20' }), '2026-12-31');
    expect(s).toMatchObject({ reached: 0, overrun: false, beyondCalendar: true });
    expect(s.next).toEqual({ index: 1, due: null, afterNotices: null });
  });
});

describe('Lishui: owner → project office → leading official → leading group → executive meeting, 10 working days a rung', () => {
  // Raised Fri 20 Sep 2024. Office: 23–27 (5), Sun 29 (6), Mon 30 (7), holiday 1–7 Oct, 8, 9, Thu 10 Oct (10).
  // Official: Fri 11 (1), Sat 12 worked (2), 14–18 (7), 21, 22, Wed 23 Oct (10). Group: 24, 25 (2), 28 Oct–1 Nov (7), 4, 5, Wed 6 Nov (10).
  // Executive meeting: 7, 8 (2), 11–15 (7), 18, 19, Wed 20 Nov (10).
  const raised = { raised_on: '2024-09-20', deadline: '2024-10-20' };

  it('as at 31 October 2024 the rules have reached the leading official; the leading group is due on 6 November', () => {
    const s = ladderAt(lishui, problem({ ...raised, level: 'owner' }), '2024-10-31');
    expect(s.reached).toBe(2);
    expect(s.next).toEqual({ index: 3, due: '2024-11-06', afterNotices: null });
  });

  it('dates every rung: the office on 10 October, the executive meeting on 20 November', () => {
    expect(ladderAt(lishui, problem({ ...raised }), '2024-10-09').next).toEqual({ index: 1, due: '2024-10-10', afterNotices: null });
    expect(ladderAt(lishui, problem({ ...raised }), '2024-10-10').next).toEqual({ index: 2, due: '2024-10-23', afterNotices: null });
    expect(ladderAt(lishui, problem({ ...raised }), '2024-11-19').next).toEqual({ index: 4, due: '2024-11-20', afterNotices: null });
    expect(ladderAt(lishui, problem({ ...raised }), '2024-11-20').reached).toBe(4);
  });

  it('still with the owner it has overrun; above the owner the coordination rungs count as taken', () => {
    expect(ladderAt(lishui, problem({ ...raised, level: 'owner' }), '2024-10-31')).toMatchObject({ recorded: 0, overrun: true });
    expect(ladderAt(lishui, problem({ ...raised, level: 'district' }), '2024-10-31')).toMatchObject({ recorded: 3, overrun: false });
  });

  it('as at 30 November it is past the executive meeting: overrun unless it sits at the city government', () => {
    expect(ladderAt(lishui, problem({ ...raised, level: 'city_taskforce' }), '2024-11-30')).toMatchObject({ reached: 4, overrun: true });
    expect(ladderAt(lishui, problem({ ...raised, level: 'city_government' }), '2024-11-30')).toMatchObject({
      recorded: 4,
      overrun: false
    });
  });
});

describe('county 2023 一通报两约谈: a notice when overdue, the deputy head after two notices, the principal head after three', () => {
  const c = (o: Partial<LadderProblem>) => problem({ raised_on: '2023-04-01', deadline: '2023-05-15', ...o });

  it('before its deadline a problem waits for the notice, due the day after the deadline', () => {
    expect(ladderAt(county, c({}), '2023-04-30')).toEqual({
      reached: -1,
      recorded: -1,
      next: { index: 0, due: '2023-05-16', afterNotices: null },
      overrun: false,
      beyondCalendar: false
    });
  });

  it('a deadline on the month end is not overdue at that month end', () => {
    expect(ladderAt(county, c({ deadline: '2023-05-31' }), '2023-05-31').reached).toBe(-1);
  });

  it('overdue without a notice it has overrun; with one it waits for the second notice (undated)', () => {
    expect(ladderAt(county, c({ notices: 0 }), '2023-05-31')).toMatchObject({ reached: 0, recorded: -1, overrun: true });
    const one = ladderAt(county, c({ notices: 1 }), '2023-05-31');
    expect(one).toMatchObject({ reached: 0, recorded: 0, overrun: false });
    expect(one.next).toEqual({ index: 1, due: null, afterNotices: 2 });
  });

  it('after two notices the deputy head must have held the interview; after three the principal head', () => {
    expect(ladderAt(county, c({ notices: 2, interviews: 0 }), '2023-06-30')).toMatchObject({ reached: 1, recorded: 0, overrun: true });
    expect(ladderAt(county, c({ notices: 2, interviews: 1 }), '2023-06-30')).toMatchObject({
      reached: 1,
      recorded: 1,
      overrun: false,
      next: { index: 2, due: null, afterNotices: 3 }
    });
    expect(ladderAt(county, c({ notices: 3, interviews: 1 }), '2023-07-31')).toMatchObject({ reached: 2, overrun: true, next: null });
    expect(ladderAt(county, c({ notices: 3, interviews: 2 }), '2023-07-31')).toMatchObject({ reached: 2, overrun: false });
  });

  it('names the county’s own actors: the office, the deputy county head, the county head', () => {
    expect(county.map((s) => s.actor.zh)).toEqual(['县重点项目办', '分管副县长', '县政府主要负责人']);
  });
});

describe('Liuzhou and Jiujiang borrow the county ladder with their own actors', () => {
  it('Liuzhou: the deputy mayor interviews after two notices', () => {
    const steps = LIUZHOU_2022_PRESET.escalation!.steps;
    const s = ladderAt(steps, problem({ deadline: '2022-03-10', raised_on: '2022-02-01', notices: 2, interviews: 0 }), '2022-04-30');
    expect(s).toMatchObject({ reached: 1, overrun: true });
    expect(steps[s.reached].actor.zh).toBe('分管副市长');
  });

  it('Jiujiang: the campaign headquarters issues the notice, due the day after the deadline', () => {
    const steps = JIUJIANG_2021_2023_PRESET.escalation!.steps;
    const s = ladderAt(steps, problem({ deadline: '2021-06-30', raised_on: '2021-06-01' }), '2021-06-30');
    expect(s.next).toEqual({ index: 0, due: '2021-07-01', afterNotices: null });
    expect(steps[0].actor.zh).toBe('市城建项目大会战指挥部');
  });
});

describe('calendar days and the calendar window', () => {
  const steps: EscalationStep[] = [
    { id: 'a', actor: { zh: '甲', en: 'A' }, action: 'handle', when: { kind: 'raised' } },
    { id: 'b', actor: { zh: '乙', en: 'B' }, action: 'coordinate', when: { kind: 'days_at_previous_step', days: 10, day_kind: 'calendar' } }
  ];

  it('counts calendar days through the Spring Festival: 2 February + 10 days is 12 February', () => {
    expect(ladderAt(steps, problem({}), '2024-02-05').next).toEqual({ index: 1, due: '2024-02-12', afterNotices: null });
  });

  it('counts working days three years back and one ahead of the day, within 2004–2026', () => {
    expect(ladderCalendarYears('2024-02-29')).toEqual({ first: 2021, last: 2025 });
    expect(ladderCalendarYears('2026-12-31')).toEqual({ first: 2023, last: 2026 });
    expect(ladderCalendarYears('2005-01-31')).toEqual({ first: 2004, last: 2006 });
  });
});
