/**
 * Cells whose formula failed (#DIV/0!, #N/A …). Read as empty they would pass as "missing" or,
 * in optional columns, silently as nothing; each is an invalid row naming the cell, the error and
 * the fix, and no other complaint is made about that cell.
 */
import type { Column } from './detect-layout.ts';
import type { Issue } from './issues.ts';
import { isErrorCell, type SheetGrid } from './read-workbook.ts';

const MEANING: Record<string, string> = {
  '#DIV/0!': 'the formula divides by zero',
  '#N/A': 'a lookup in the formula found nothing',
  '#VALUE!': 'the formula got text where it needs a number',
  '#REF!': 'the formula refers to a cell that was deleted',
  '#NAME?': 'the formula names an unknown function or range',
  '#NUM!': 'the formula gives an impossible number',
  '#NULL!': 'the ranges in the formula do not meet'
};

export function formulaErrorMessage(code: string): string {
  return `formula error ${code}${MEANING[code] ? ` (${MEANING[code]})` : ''}: fix the formula in the return, or type the value`;
}

/** One issue per column the ingest reads whose cell in row `r` (0-based) holds a formula error. */
export function formulaErrorIssues(file: string, sheet: SheetGrid, r: number, columns: Column[]): Issue[] {
  return columns.flatMap((c) => {
    const v = sheet.values[r]?.[c.index];
    if (!c.meaning || !isErrorCell(v)) return [];
    return [
      {
        file,
        sheet: sheet.name,
        row: r + 1,
        column: c.letter,
        header: c.header,
        reason: 'formula_error' as const,
        message: formulaErrorMessage(v.code),
        value: v.code
      }
    ];
  });
}

/** Drops the follow-on complaints (missing, empty) about cells already reported as formula errors. */
export function withoutFollowOns(issues: Issue[]): Issue[] {
  const errored = new Set(issues.filter((i) => i.reason === 'formula_error').map((i) => i.column));
  return issues.filter((i) => i.reason === 'formula_error' || i.column === null || !errored.has(i.column));
}
