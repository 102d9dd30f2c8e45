/**
 * What happens next to a problem under the dataset's escalation rules: the next step, by whom,
 * and by when, flagged when the problem has overrun its current step. The rules come with the
 * rule presets' `escalation` section (issue 19, being defined with the presets); until then no
 * problem has a next step, and the ledger shows no such column.
 */
export interface NextStep {
  /** The step in words (下一步), e.g. "副县长约谈责任单位主要负责人". */
  action: string;
  /** Who takes it (责任方). */
  by: string;
  /** The day it is due ('YYYY-MM-DD'), working days counted where the preset says so. */
  due: string | null;
  /** The problem is past the deadline of the step it is at. */
  overrun: boolean;
}

/** A ledger row's next step under the preset's escalation rules; none while there are no rules. */
export function nextStepOf(row: { id: string }, escalation: unknown = undefined): NextStep | null {
  void row;
  void escalation;
  return null;
}
