/**
 * What happens next to a problem under the dataset's escalation ladder, in words: the step (who
 * does what, to whom), by when, and whether the problem has overrun its step. The position itself
 * comes from rules/escalation.ts (`ladderAt`) or its SQL twin's columns (queries/escalation.ts).
 */
import { formatDate, type Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';
import type { EscalationStep } from '../../rules/preset-schema.ts';
import { ladderCalendarYears } from '../../rules/escalation.ts';

export interface NextStep {
  /** The step in words (下一步), e.g. "分管副县长约谈责任单位主要负责人". */
  action: string;
  /** Who takes it (责任方). */
  by: string;
  /** When it falls due, in words: a date, after a number of notices, or why it cannot be dated. */
  when: string;
  /** The day it is due ('YYYY-MM-DD'), working days counted where the preset says so; null when undated. */
  due: string | null;
  /** The problem is past the step the record shows it at. */
  overrun: boolean;
  /** When overrun: the step the rules have reached, in words ("按规则应已：…"). */
  shouldBe: string | null;
}

/** A ladder position as the pure function or the SQL columns give it. */
export interface LadderPosition {
  /** The last step the rules have reached (-1: none), when known. */
  reached?: number | null;
  next: number | null;
  due: string | null;
  overrun: boolean;
  beyondCalendar: boolean;
}

const local = (n: { zh: string; en: string }, locale: Locale) => (locale === 'zh-CN' ? n.zh : n.en);

/** A step in words: "{actor} summons {addressee}". */
export function stepWords(step: EscalationStep, locale: Locale): string {
  return translate(locale, `ladder.action.${step.action}`, {
    actor: local(step.actor, locale),
    addressee: step.addressee ? local(step.addressee, locale) : ''
  });
}

/**
 * A problem's next step in words, null without a ladder; at the top of the ladder (or settled)
 * the step reads "at the top" and has no date. `day` is the ledger's month end, for the calendar's years.
 */
export function nextStepOf(
  steps: readonly EscalationStep[] | undefined,
  position: LadderPosition,
  locale: Locale,
  day: string
): NextStep | null {
  if (!steps?.length) return null;
  const tr = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const reached = position.reached ?? -1;
  const shouldBe = position.overrun && reached >= 0 ? tr('ladder.shouldBe', { step: stepWords(steps[reached], locale) }) : null;
  if (position.next === null) return { action: tr('ladder.top'), by: '', when: '', due: null, overrun: position.overrun, shouldBe };
  const step = steps[position.next];
  const when =
    position.due !== null
      ? tr('ladder.due', { date: formatDate(position.due, locale) })
      : step.when.kind === 'notices'
        ? tr('ladder.afterNotices', { n: step.when.notices })
        : position.beyondCalendar
          ? tr('ladder.beyondCalendar', { last: ladderCalendarYears(day).last })
          : tr('ladder.undated');
  return { action: stepWords(step, locale), by: local(step.actor, locale), when, due: position.due, overrun: position.overrun, shouldBe };
}
