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
  missing_phase: 'phase unknown',
  missing_sector: 'sector unknown',
  bad_value: 'value not understood',
  bad_coordinates: 'bad coordinates',
  unmatched_project: 'monthly return for a project not in the plan',
  missing_month: 'missing or unparseable month',
  month_outside_plan: "month outside the plan's years",
  ytd_decreasing: 'cumulative completed investment decreases',
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

export interface Warning extends Partial<Where> {
  message: string;
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
