/**
 * DuckDB's errors made readable, with where they are. The console's connection asks for errors
 * as JSON (`SET errors_as_json = true`): `{"exception_type", "exception_message", "position"}`,
 * sometimes after a "Parser Error: " prefix. DuckDB counts the position in Unicode characters
 * for parser errors and in UTF-8 bytes for the others (binder, catalog, conversion: checked on
 * duckdb-wasm 1.32, test/unit/console/duckdb-error.test.ts); both become a UTF-16 offset here, as
 * the editor counts.
 */

export interface SqlError {
  /** DuckDB's kind of error ('Parser', 'Binder', 'Catalog', …), or null when it is not DuckDB's. */
  type: string | null;
  message: string;
  /** UTF-16 offset into the SQL sent, and its 1-based line and column; null when DuckDB gave none. */
  at: { offset: number; line: number; column: number } | null;
}

/** The UTF-16 offset of the `n`th Unicode character of `text`. */
function offsetOfCharacter(text: string, n: number): number {
  let offset = 0;
  for (let i = 0; i < n && offset < text.length; i++) offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  return offset;
}

/** The UTF-16 offset of the character that starts at UTF-8 byte `n` of `text`. */
function offsetOfByte(text: string, n: number): number {
  let bytes = 0;
  let offset = 0;
  while (offset < text.length && bytes < n) {
    const cp = text.codePointAt(offset)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    offset += cp > 0xffff ? 2 : 1;
  }
  return offset;
}

/** 1-based line and column (in UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** An error of a query of `sql` (what was sent to DuckDB), as the console shows it. */
/** The JSON of an error message, unwrapped: duckdb-wasm's table-name look-up encodes it twice. */
function errorJson(raw: string): Record<string, unknown> | null {
  const brace = raw.indexOf('{');
  if (brace < 0) return null;
  try {
    const parsed = JSON.parse(raw.slice(brace)) as Record<string, unknown>;
    if (typeof parsed.exception_message !== 'string') return null;
    return errorJson(parsed.exception_message) ?? parsed;
  } catch {
    return null;
  }
}

export function readSqlError(error: unknown, sql: string): SqlError {
  const raw = error instanceof Error ? error.message : String(error);
  const parsed = errorJson(raw);
  if (!parsed) return { type: null, message: raw, at: null };
  const type = typeof parsed.exception_type === 'string' ? parsed.exception_type : null;
  const position = Number(parsed.position);
  let at: SqlError['at'] = null;
  if (parsed.position !== undefined && Number.isInteger(position) && position >= 0) {
    const offset = Math.min(type === 'Parser' ? offsetOfCharacter(sql, position) : offsetOfByte(sql, position), sql.length);
    at = { offset, ...lineColumn(sql, offset) };
  }
  return { type, message: String(parsed.exception_message), at };
}
