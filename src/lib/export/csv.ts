/**
 * CSV as Excel and WPS open it: UTF-8 with a byte-order mark (without it both read Chinese as
 * GBK), CRLF line ends, RFC 4180 quoting; text neutralised against formulas, numbers as they are,
 * money as exact decimal text.
 */
import { neutralise } from './neutralise.ts';
import type { CellValue, ColumnReader } from './values.ts';
import type { ExportColumn } from './types.ts';

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/** A field quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvQuote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** A cell as CSV text. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if ('text' in value) return csvQuote(neutralise(value.text));
  if (value.date !== undefined) return value.date;
  return value.exact ?? String(value.number);
}

/** The header line, BOM first. */
export function csvHeader(columns: readonly ExportColumn[]): string {
  return `${BOM}${columns.map((c) => csvQuote(neutralise(c.label))).join(',')}${CRLF}`;
}

/** `rows` lines of CSV, each ending in CRLF. */
export function csvLines(readers: readonly ColumnReader[], rows: number): string {
  const lines: string[] = new Array(rows);
  const fields: string[] = new Array(readers.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < readers.length; c++) fields[c] = csvCell(readers[c].at(r));
    lines[r] = fields.join(',');
  }
  return rows ? `${lines.join(CRLF)}${CRLF}` : '';
}
