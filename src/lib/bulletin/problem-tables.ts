/**
 * The bulletin's tables of problems: those overdue, each with its next step on the preset's
 * escalation ladder, and those past their step (the rules have moved them on, the ledger has not).
 */
import { formatDate, formatNumber, type Locale } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import type { EscalationStep } from '../rules/preset-schema.ts';
import { nextStepOf, stepWords } from '../views/problems/next-step.ts';
import type { EscalatedProblem } from './inputs.ts';
import { col, type TableContent } from './tables.ts';

/** The next step in words and when ("分管副市长约谈责任单位主要负责人，第 2 次通报后"); — without a ladder. */
export function nextStepCell(p: EscalatedProblem, steps: readonly EscalationStep[], locale: Locale, day: string): string {
  const next = nextStepOf(steps, { next: p.next, due: p.next_due, overrun: p.overrun, beyondCalendar: p.beyond }, locale, day);
  if (!next) return '—';
  return [next.action, next.when].filter(Boolean).join(locale === 'zh-CN' ? '，' : ', ');
}

export function overdueTable(
  problems: readonly EscalatedProblem[],
  steps: readonly EscalationStep[],
  locale: Locale,
  day: string
): TableContent {
  return {
    columns: [
      col(locale, 'no', 'center', 0.06),
      col(locale, 'project', 'start', 0.18),
      col(locale, 'category', 'center', 0.08),
      col(locale, 'problem', 'start', 0.18),
      col(locale, 'deadline', 'center', 0.17),
      col(locale, 'next', 'start', 0.2),
      col(locale, 'escalation', 'center', 0.13)
    ],
    rows: problems.map((p, i) => [
      String(i + 1),
      p.project,
      translate(locale, `problemCategory.${p.category}`),
      p.description,
      formatDate(p.deadline, locale),
      nextStepCell(p, steps, locale, day),
      `${formatNumber(p.notices)}/${formatNumber(p.interviews)}`
    ])
  };
}

/** Problems past their step: what the rules say should have happened by now, what comes next, and the level the ledger shows. */
export function overrunTable(
  problems: readonly EscalatedProblem[],
  steps: readonly EscalationStep[],
  locale: Locale,
  day: string
): TableContent {
  return {
    columns: [
      col(locale, 'no', 'center', 0.06),
      col(locale, 'project', 'start', 0.2),
      col(locale, 'problem', 'start', 0.2),
      col(locale, 'shouldBe', 'start', 0.21),
      col(locale, 'next', 'start', 0.21),
      col(locale, 'level', 'center', 0.12)
    ],
    rows: problems.map((p, i) => [
      String(i + 1),
      p.project,
      p.description,
      p.reached !== null && p.reached >= 0 ? stepWords(steps[p.reached], locale) : '—',
      nextStepCell(p, steps, locale, day),
      translate(locale, `problemLevel.${p.level}`)
    ])
  };
}
