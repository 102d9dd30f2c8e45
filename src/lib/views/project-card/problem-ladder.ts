/** A project card's open problem on the preset's escalation ladder, in words (rules/escalation.ts, views/problems/next-step.ts). */
import type { Locale } from '../../i18n/format.ts';
import { toMonth } from '../../metrics/month.ts';
import { ladderAt } from '../../rules/escalation.ts';
import type { EscalationStep } from '../../rules/preset-schema.ts';
import { nextStepOf, type NextStep } from '../problems/next-step.ts';

/** The card's problem rows are open at the month end (queries/project-card.ts), so none is settled. */
export function problemNextStep(
  steps: readonly EscalationStep[] | undefined,
  row: Record<string, unknown>,
  month: string,
  locale: Locale
): NextStep | null {
  if (!steps?.length) return null;
  const day = toMonth(month).end;
  const state = ladderAt(
    steps,
    {
      raised_on: String(row.raised_on),
      deadline: String(row.deadline),
      level: String(row.level),
      notices: Number(row.notices),
      interviews: Number(row.interviews),
      settled: false
    },
    day
  );
  const next = state.next;
  return nextStepOf(
    steps,
    {
      reached: state.reached,
      next: next?.index ?? null,
      due: next?.due ?? null,
      overrun: state.overrun,
      beyondCalendar: state.beyondCalendar
    },
    locale,
    day
  );
}
