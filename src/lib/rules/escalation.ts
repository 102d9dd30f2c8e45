/**
 * A problem on the preset's escalation ladder (preset-schema.ts `EscalationRule`) as at a day: the
 * step the rules have reached, the step the ledger's record shows taken, what comes next and by
 * when, and whether the problem has overrun its step (the rules moved on, the record did not).
 * queries/escalation.ts is the same rule in SQL for the ledger's filter and the map; a test holds
 * the two together.
 *
 * What the record shows taken: a step reached when the problem is raised, always; a step with a
 * ledger level, once the problem sits at that level or above; a notice, once that many notices
 * were issued; an interview, once that many interviews were held; any other step (Lishui's
 * coordination rungs, which the ledger's levels do not tell apart), once the problem sits above
 * the level of the nearest step before it that has one.
 *
 * Working days are counted within a calendar window around the day (`ladderCalendarYears`): the
 * holiday calendar (chinese-days) covers 2004–2026, and a step that needs a working day outside
 * the window cannot be dated: it is not reached, its due date is unknown and `beyondCalendar` says why.
 */
import { PROBLEM_LEVELS } from '../schema.ts';
import type { EscalationStep } from './preset-schema.ts';
import { addWorkingDays, CALENDAR_YEARS } from './working-days.ts';

/** What the ladder reads of a problem; dates 'YYYY-MM-DD'. */
export interface LadderProblem {
  raised_on: string;
  deadline: string;
  /** The ledger level it sits at (PROBLEM_LEVELS). */
  level: string;
  notices: number;
  interviews: number;
  /** Resolved or closed out by the day: it reaches no further step. */
  settled: boolean;
}

export interface LadderState {
  /** Index of the last step the rules have reached by the day; -1 before the first. */
  reached: number;
  /** Index of the last step the record shows taken; -1 when none. */
  recorded: number;
  /** The next step the rules reach, and when: a date, or after a number of notices (undated); null when settled or at the top. */
  next: { index: number; due: string | null; afterNotices: number | null } | null;
  /** Unsettled, and the rules have reached a step the record does not show taken. */
  overrun: boolean;
  /** A date was needed in working days the calendar window does not cover. */
  beyondCalendar: boolean;
}

/** The years whose working days a ladder counts as at `day`: three before it to the one after, within the holiday calendar. */
export function ladderCalendarYears(day: string): { first: number; last: number } {
  const year = Number(day.slice(0, 4));
  return { first: Math.max(CALENDAR_YEARS.first, year - 3), last: Math.min(CALENDAR_YEARS.last, year + 1) };
}

const DAY_MS = 86_400_000;
const shiftDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const lastDayOfMonth = (date: string) => {
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const levelIndex = (level: string | undefined) => (level === undefined ? -1 : (PROBLEM_LEVELS as readonly string[]).indexOf(level));
const yearOf = (date: string) => Number(date.slice(0, 4));

type Dated = { date: string | null; beyond: boolean };

/** The day a step falls due once the step before it was reached on `previous` (null: undated). */
function dueDate(step: EscalationStep, p: LadderProblem, previous: string | null, years: { first: number; last: number }): Dated {
  const when = step.when;
  switch (when.kind) {
    case 'raised':
      return { date: p.raised_on, beyond: false };
    case 'overdue':
      return { date: shiftDays(p.deadline, 1), beyond: false };
    case 'notices':
      return { date: null, beyond: false };
    case 'month_end':
      return { date: previous === null ? null : lastDayOfMonth(previous), beyond: false };
    case 'days_at_previous_step': {
      if (previous === null) return { date: null, beyond: false };
      if (when.day_kind === 'calendar') return { date: shiftDays(previous, when.days), beyond: false };
      if (yearOf(previous) < years.first || yearOf(previous) > years.last) return { date: null, beyond: true };
      // Within the window the calendar covers every day, so only a result past its last year is refused.
      const boundary = `${years.last}-12-31`;
      const date = previous <= boundary ? addWorkingDaysWithin(previous, when.days, boundary) : null;
      return date === null ? { date: null, beyond: true } : { date, beyond: false };
    }
  }
}

function addWorkingDaysWithin(date: string, n: number, boundary: string): string | null {
  try {
    const out = addWorkingDays(date, n);
    return out <= boundary ? out : null;
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

/** Whether the record shows step `i` taken (see the module's comment). */
function taken(steps: readonly EscalationStep[], i: number, p: LadderProblem): boolean {
  const step = steps[i];
  const at = levelIndex(p.level);
  if (step.when.kind === 'raised') return true;
  if (step.level !== undefined) return at >= levelIndex(step.level);
  const ordinal = steps.slice(0, i + 1).filter((s) => s.level === undefined && s.action === step.action).length;
  if (step.action === 'notice') return p.notices >= ordinal;
  if (step.action === 'interview') return p.interviews >= ordinal;
  const before = steps
    .slice(0, i)
    .reverse()
    .find((s) => s.level !== undefined);
  return before === undefined || at > levelIndex(before.level);
}

/** The problem on the ladder `steps` as at `day` ('YYYY-MM-DD', the ledger's month end). */
export function ladderAt(steps: readonly EscalationStep[], p: LadderProblem, day: string): LadderState {
  const years = ladderCalendarYears(day);
  let reached = -1;
  let reachedOn: string | null = null;
  let beyondCalendar = false;
  let next: LadderState['next'] = null;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const due = dueDate(step, p, reachedOn, years);
    beyondCalendar ||= due.beyond;
    const isReached = step.when.kind === 'notices' ? p.notices >= step.when.notices : due.date !== null && due.date <= day;
    if (!isReached) {
      next = { index: i, due: due.date, afterNotices: step.when.kind === 'notices' ? step.when.notices : null };
      break;
    }
    reached = i;
    reachedOn = due.date;
  }
  let recorded = -1;
  steps.forEach((_, i) => {
    if (taken(steps, i, p)) recorded = i;
  });
  if (p.settled) return { reached, recorded, next: null, overrun: false, beyondCalendar };
  return { reached, recorded, next, overrun: reached > recorded, beyondCalendar };
}
