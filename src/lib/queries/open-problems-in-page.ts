/**
 * The open problems' base (openProblemsQuery with `ctx.base`: every problem open at the month's end
 * of a project in the plan, overdue first, then by deadline and id) computed in the page from the
 * problem ledger decoded in the page (problems.parquet, the page's Parquet decoder) and the month's
 * page rows (db/local/page-rows.ts: the projects' row_key, id and name), so that a district's page
 * lists them without the engine (issue 17). The rules are problems.ts's, through their twin
 * metrics/problems-in-page.ts; test/unit/db/open-problems-in-page.test.ts holds the base to
 * openProblemsQuery on every month of the parity fixture.
 */
import { tableFromIPC } from '@uwdata/flechette';
import { LocalTable } from '../db/local/answers.ts';
import { compareCodePoints } from '../db/local/index-from-facts.ts';
import { textAt, type PageRows, type PageRowsContext } from '../db/local/page-rows.ts';
import { isoDay, monthEndDay, openAt, overdueAt, statusAt, type ProblemDates } from '../metrics/problems-in-page.ts';

/** The ledger's columns this base reads. */
export const PROBLEMS_IN_PAGE_COLUMNS = [
  'id',
  'project_id',
  'raised_on',
  'category',
  'level',
  'description',
  'deadline',
  'status',
  'closed_on',
  'notices',
  'interviews'
] as const;

interface Column {
  length: number;
  at(i: number): unknown;
}

/** The ledger as the page keeps it: the columns the rules and the order read, read once; the rest read for the rows shown. */
export interface ProblemsInPage {
  length: number;
  id: string[];
  projectId: (string | null)[];
  status: (string | null)[];
  /** Days since 1970-01-01, NaN for NULL. */
  raisedOn: Float64Array;
  closedOn: Float64Array;
  deadline: Float64Array;
  column(name: (typeof PROBLEMS_IN_PAGE_COLUMNS)[number]): Column;
}

/** A DATE as flechette reads it (milliseconds, a Date, or days) as days; NaN for NULL. */
function days(col: Column): Float64Array {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col.at(i);
    out[i] = v === null || v === undefined ? NaN : v instanceof Date ? v.getTime() / 86_400_000 : Number(v) / 86_400_000;
  }
  return out;
}

/** The decoded ledger (Arrow IPC of PROBLEMS_IN_PAGE_COLUMNS) as the page keeps it. */
export function problemsInPage(ipc: Uint8Array): ProblemsInPage {
  const table = tableFromIPC(ipc);
  const column = (name: string): Column => {
    const col = table.getChild(name);
    if (!col) throw new Error(`problems: no column ${name}`);
    return col as Column;
  };
  const texts = (name: string) => Array.from({ length: table.numRows }, (_, i) => column(name).at(i) as string | null);
  return {
    length: table.numRows,
    id: texts('id') as string[],
    projectId: texts('project_id'),
    status: texts('status'),
    raisedOn: days(column('raised_on')),
    closedOn: days(column('closed_on')),
    deadline: days(column('deadline')),
    column
  };
}

/** The open problems' base in the page (a LocalSpec `fromPage` reading the page table `problems`). */
export function openProblemsBaseInPage(page: PageRows, ctx: PageRowsContext): LocalTable {
  const problems = ctx.tables.problems as ProblemsInPage | undefined;
  if (!problems) throw new Error('open problems in the page: the problem ledger is not in the page');
  const end = monthEndDay(ctx.month);
  const rowOfId = new Map<string, number>();
  for (let k = 0; k < page.index.length; k++) rowOfId.set(textAt(page.ids, k), k);
  const open: number[] = [];
  const project: number[] = [];
  const overdue: (boolean | null)[] = [];
  const status: (string | null)[] = [];
  const dates: ProblemDates = { raisedOn: NaN, status: null, closedOn: NaN, deadline: NaN };
  for (let i = 0; i < problems.length; i++) {
    const pid = problems.projectId[i];
    const k = pid === null ? undefined : rowOfId.get(pid);
    if (k === undefined) continue;
    dates.raisedOn = problems.raisedOn[i];
    dates.status = problems.status[i];
    dates.closedOn = problems.closedOn[i];
    dates.deadline = problems.deadline[i];
    if (openAt(dates, end) !== true) continue;
    open.push(i);
    project[i] = k;
    overdue[i] = overdueAt(dates, end);
    status[i] = statusAt(dates, end);
  }
  // ORDER BY overdue DESC, deadline, id: NULLs last (DuckDB's default), text by code points.
  const rank = (o: boolean | null | undefined) => (o === true ? 0 : o === false ? 1 : 2);
  const byDeadline = (a: number, b: number) => {
    const x = problems.deadline[a];
    const y = problems.deadline[b];
    return Number.isNaN(x) || Number.isNaN(y) ? Number(Number.isNaN(x)) - Number(Number.isNaN(y)) : x - y;
  };
  const order = open.sort(
    (a, b) => rank(overdue[a]) - rank(overdue[b]) || byDeadline(a, b) || compareCodePoints(problems.id[a], problems.id[b])
  );
  const n = order.length;
  const lazy = (f: (i: number) => unknown) => ({ length: n, at: (r: number) => (r >= 0 && r < n ? f(order[r]) : undefined) });
  const of = (name: (typeof PROBLEMS_IN_PAGE_COLUMNS)[number]) => {
    const col = problems.column(name);
    return lazy((i) => col.at(i) ?? null);
  };
  const rowKey = new Int32Array(n);
  for (let r = 0; r < n; r++) rowKey[r] = page.keys[project[order[r]]];
  return new LocalTable(
    [
      ['row_key', rowKey],
      ['id', lazy((i) => problems.id[i])],
      ['project_id', lazy((i) => problems.projectId[i])],
      ['project', lazy((i) => textAt(page.names, project[i]))],
      ['category', of('category')],
      ['level', of('level')],
      ['description', of('description')],
      ['status', lazy((i) => status[i])],
      ['notices', of('notices')],
      ['interviews', of('interviews')],
      ['deadline', lazy((i) => (Number.isNaN(problems.deadline[i]) ? null : isoDay(problems.deadline[i])))],
      ['overdue', lazy((i) => overdue[i])],
      ['total', lazy(() => null)]
    ],
    n
  );
}
