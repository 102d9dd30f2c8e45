/**
 * The console's own URL parameters: `sql`, the editor's text; `run`, present when the results
 * shown are of that text (a link with it runs the query on opening, a reload shows the same
 * results); `lib`, the query library's tab when it is not the first. The text is written plainly (percent-encoded), so the address says what it asks.
 * A text longer than URL_SQL_MAX encoded characters is left out of the address: with the month,
 * the filters and a lasso beside it, the address would pass common server limits (nginx's default
 * request line is 8 KB). The page says so, and the text stays in this browser (history.ts draft).
 */

export const SQL_PARAM = 'sql';
export const RUN_PARAM = 'run';
export const TAB_PARAM = 'lib';
/** The query library's tabs, the first shown by default. */
export const LIBRARY_TABS = ['examples', 'history', 'saved', 'schema'] as const;
export type LibraryTab = (typeof LIBRARY_TABS)[number];
/** Encoded characters of `sql=…` the address may hold. */
export const URL_SQL_MAX = 4000;

export interface ConsoleUrlState {
  sql: string | null;
  run: boolean;
  tab: LibraryTab;
}

/** The console's parameters; `fits` false when the text was left out for its length. */
export function writeConsoleParams({ sql, run, tab }: { sql: string; run: boolean; tab: LibraryTab }): {
  params: URLSearchParams;
  fits: boolean;
} {
  const params = new URLSearchParams();
  const encoded = new URLSearchParams({ [SQL_PARAM]: sql }).toString();
  const fits = encoded.length <= URL_SQL_MAX;
  if (sql.trim() && fits) {
    params.set(SQL_PARAM, sql);
    if (run) params.set(RUN_PARAM, '1');
  }
  if (tab !== LIBRARY_TABS[0]) params.set(TAB_PARAM, tab);
  return { params, fits };
}

export function readConsoleParams(params: URLSearchParams): ConsoleUrlState {
  const sql = params.get(SQL_PARAM);
  const tab = LIBRARY_TABS.find((t) => t === params.get(TAB_PARAM)) ?? LIBRARY_TABS[0];
  return { sql: sql && sql.trim() ? sql : null, run: sql !== null && params.has(RUN_PARAM), tab };
}
