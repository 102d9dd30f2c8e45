/** Rows that cannot be imported, and warnings, each located by file, sheet, row and column. */

export const REASONS = {
  missing_name: 'missing project name',
  missing_amount: 'missing amount',
  negative_amount: 'negative amount',
  bad_amount: 'unreadable amount',
  amount_out_of_range: 'amount out of range',
  annual_above_total: 'annual plan above total investment',
  duplicate_project: 'duplicate project',
  unknown_district: 'unknown district',
  unparseable_date: 'unparseable date',
  bad_date_serial: 'date serial not a date',
  completion_before_start: 'completion before start',
  missing_phase: 'phase unknown',
  missing_sector: 'sector unknown',
  bad_value: 'value not understood',
  bad_coordinates: 'bad coordinates',
  location_outside: 'location outside the boundaries',
  unmatched_project: 'monthly return for a project not in the plan',
  missing_month: 'missing or unparseable month',
  month_outside_plan: "month outside the plan's years",
  formula_error: 'formula error'
} as const;
export type Reason = keyof typeof REASONS;

export interface Where {
  file: string;
  sheet: string;
  /** Row number as the spreadsheet shows it (1-based). */
  row: number;
  /** Column letter and header, when one cell is at fault. */
  column: string | null;
  header: string | null;
}

export interface Issue extends Where {
  reason: Reason;
  message: string;
  value?: string;
}

/** Warnings an analyst's plausibility check raises (the case can be real); --strict makes every warning an error. */
export const WARNING_CHECKS = {
  location_other_district: 'location in another district than the one named',
  location_near_edge: 'location just outside the boundaries',
  completed_above_total: 'completed investment above total investment',
  ytd_decreasing: 'cumulative completed investment decreases'
} as const;
export type WarningCheck = keyof typeof WARNING_CHECKS;

export interface Warning extends Partial<Where> {
  message: string;
  /** Which plausibility check raised it, if one did. */
  check?: WarningCheck;
}

export function formatWhere(w: Partial<Where>): string {
  const parts = [
    w.file,
    w.sheet ? `sheet "${w.sheet}"` : null,
    w.row ? `row ${w.row}` : null,
    w.column ? `column ${w.column}${w.header ? ` (${w.header})` : ''}` : null
  ].filter(Boolean);
  return parts.join(', ');
}

export function formatIssue(i: Issue): string {
  const label = REASONS[i.reason];
  return `${formatWhere(i)}: ${i.message.startsWith(label) ? i.message : `${label}: ${i.message}`}`;
}
