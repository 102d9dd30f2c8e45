/**
 * The console's own URL parameters: `sql`, the editor's text, and `run`, present when the results
 * shown are of that text (a link with it runs the query on opening, a reload shows the same
 * results). The text is written plainly (percent-encoded), so the address says what it asks.
 * A text longer than URL_SQL_MAX encoded characters is left out of the address: with the month,
 * the filters and a lasso beside it, the address would pass common server limits (nginx's default
 * request line is 8 KB). The page says so, and the text stays in this browser (history.ts draft).
 */

export const SQL_PARAM = 'sql';
export const RUN_PARAM = 'run';
/** Encoded characters of `sql=…` the address may hold. */
export const URL_SQL_MAX = 4000;

export interface ConsoleUrlState {
  sql: string | null;
  run: boolean;
}

/** The console's parameters for a text and whether its results are shown; `fits` false when the text was left out. */
export function writeConsoleParams(sql: string, run: boolean): { params: URLSearchParams; fits: boolean } {
  const params = new URLSearchParams();
  if (!sql.trim()) return { params, fits: true };
  const encoded = new URLSearchParams({ [SQL_PARAM]: sql }).toString();
  if (encoded.length > URL_SQL_MAX) return { params, fits: false };
  params.set(SQL_PARAM, sql);
  if (run) params.set(RUN_PARAM, '1');
  return { params, fits: true };
}

export function readConsoleParams(params: URLSearchParams): ConsoleUrlState {
  const sql = params.get(SQL_PARAM);
  return { sql: sql && sql.trim() ? sql : null, run: sql !== null && params.has(RUN_PARAM) };
}
