/**
 * The open problems of a district's page made in the page (queries/open-problems-in-page.ts: the
 * ledger decoded in the page, the rules' twin metrics/problems-in-page.ts) against DuckDB: the twin
 * rules against problems.ts's SQL on every problem and month, and the base, cut by top-rows.ts for
 * a district, a sector and no filter, against openProblemsQuery. The parity fixture's problems are
 * joined by problems at the edges of the rules: settled before, on and after a month's end, raised
 * on it, due on it, a NULL status and deadline, and equal deadlines ordered by id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { Query, sql } from '@uwdata/mosaic-sql';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { problemOpenAt, problemOverdueAt, problemStatusAt } from '../../../src/lib/metrics/problems.ts';
import { openAt, overdueAt, statusAt } from '../../../src/lib/metrics/problems-in-page.ts';
import { emptyFilters, statePredicate, type FilterState } from '../../../src/lib/state/filters.ts';
import { selectMask } from '../../../src/lib/db/local/filter-index.ts';
import { localRowsBase, selectedRows } from '../../../src/lib/db/local/answers.ts';
import { topRows } from '../../../src/lib/db/local/top-rows.ts';
import { openProblemsQuery, openProblemsTop } from '../../../src/lib/queries/drilldown.ts';
import {
  openProblemsBaseInPage,
  problemsInPage,
  PROBLEMS_IN_PAGE_COLUMNS,
  type ProblemsInPage
} from '../../../src/lib/queries/open-problems-in-page.ts';
import { openWasm, type Engine } from './engines.ts';
import { DISTRICTS, loadParityFixture, MONTHS, parityFixture } from './parity-fixture.ts';
import { ipcOf, monthInPage, rules } from './page-rows-fixture.ts';

let engine: Engine;
let problems: ProblemsInPage;

/** Edge problems: [raised_on, deadline, status, closed_on], of the fixture's first projects. */
const EDGES: [string | null, string | null, string | null, string | null][] = [
  ['2022-04-30', '2022-05-31', 'open', null],
  ['2022-05-01', '2022-05-31', 'assigned', null],
  ['2022-03-01', '2022-04-30', 'resolved', '2022-05-10'],
  ['2022-03-01', '2022-04-29', 'closed', '2022-05-31'],
  ['2022-03-01', '2022-06-15', 'closed', '2022-06-01'],
  ['2022-03-01', '2022-05-20', 'resolved', '2022-04-30'],
  ['2022-03-01', '2022-05-20', 'resolved', null],
  ['2022-03-01', '2022-05-20', 'supervised', '2022-04-01'],
  ['2022-03-01', '2022-05-20', null, '2022-07-01'],
  ['2022-03-01', '2022-05-20', null, null],
  ['2022-03-01', null, 'open', null],
  ['2022-03-01', null, 'resolved', '2022-06-30'],
  [null, '2022-05-20', 'open', null],
  ['2022-02-01', '2022-05-20', 'assigned', null],
  ['2022-02-01', '2022-05-20', 'open', null]
];

beforeAll(async () => {
  engine = await openWasm();
  await loadParityFixture(engine.connector, parityFixture(20220630));
  const ids = (await engine.rows(`SELECT id FROM projects WHERE exited_on IS NULL AND phase <> 'preparatory' ORDER BY rowid LIMIT 5`)).map(
    (r) => String(r.id)
  );
  const lit = (v: string | null, type = '') => (v === null ? 'NULL' : `'${v}'${type}`);
  const values = EDGES.map(
    ([raised, deadline, status, closed], i) =>
      `('E${String(EDGES.length - i).padStart(2, '0')}', '${ids[i % ids.length]}', ${lit(raised)}::DATE, 'land', 'district', '边', '市住建局', '某某', NULL, ${lit(deadline)}::DATE, ${lit(status)}, ${lit(closed)}::DATE, ${i % 3}, ${i % 2})`
  );
  await engine.rows(`ALTER TABLE problems ALTER COLUMN status DROP NOT NULL`).catch(() => undefined);
  await engine.rows(`INSERT INTO problems VALUES ${values.join(', ')}`);
  problems = problemsInPage(await ipcOf(engine, `SELECT ${PROBLEMS_IN_PAGE_COLUMNS.join(', ')} FROM problems`));
});
afterAll(() => engine?.close());

const rowsOf = async (q: Query | string) => tableFromIPC(await ipcOf(engine, q)).toArray() as Record<string, unknown>[];

describe("the ledger's rules in the page", () => {
  it.each(['2022-03', ...MONTHS])("are problems.ts's on every problem in %s", async (monthKey) => {
    const month = toMonth(monthKey);
    const fromSql = await rowsOf(
      Query.from('problems')
        .select({
          open: problemOpenAt(month),
          overdue: problemOverdueAt(month),
          status: problemStatusAt(month),
          i: sql`CAST(rowid AS INTEGER)`
        })
        .orderby('i')
    );
    const end = Date.UTC(+month.end.slice(0, 4), +month.end.slice(5, 7) - 1, +month.end.slice(8)) / 86_400_000;
    const inPage = Array.from({ length: problems.length }, (_, i) => {
      const p = {
        raisedOn: problems.raisedOn[i],
        status: problems.status[i],
        closedOn: problems.closedOn[i],
        deadline: problems.deadline[i]
      };
      return { open: openAt(p, end), overdue: overdueAt(p, end), status: statusAt(p, end), i };
    });
    expect(inPage).toEqual(fromSql);
    expect(new Set(fromSql.map((r) => r.open))).toEqual(new Set([true, false, null]));
    expect(new Set(fromSql.map((r) => r.status))).toContain('supervised');
  });
});

const FILTERS: Partial<FilterState>[] = [{}, { district: [Object.keys(DISTRICTS)[1]] }, { sector: ['infrastructure'] }];

describe('the open problems in the page', () => {
  it.each(MONTHS)('cut for a district, a sector and no filter, equal openProblemsQuery in %s', async (monthKey) => {
    const { name, index, page } = await monthInPage(engine, monthKey);
    const month = toMonth(monthKey);
    const base = localRowsBase(openProblemsBaseInPage(page, { month, rules, tables: { problems } }), index);
    let compared = 0;
    for (const filters of FILTERS) {
      for (const limit of [5, 1000]) {
        const filter = statePredicate(filters) ?? undefined;
        const fromSql = await rowsOf(openProblemsQuery({ facts: { facts: name }, filter, month }, limit));
        const mask = selectMask(index, { ...emptyFilters(), ...filters });
        const inPage = topRows(selectedRows(base, mask), openProblemsTop(limit)).toArray();
        const label = JSON.stringify({ filters, limit });
        expect([label, inPage]).toEqual([label, fromSql]);
        compared += fromSql.length;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
