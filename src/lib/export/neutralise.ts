/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that begins with = + - @,
 * a tab or a carriage return can be run as a formula by Excel or WPS. Such a cell gets a leading
 * apostrophe, which both show as text. Numbers are never changed (a negative amount stays a
 * number); only text cells pass through here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
