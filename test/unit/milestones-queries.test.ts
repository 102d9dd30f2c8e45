/**
 * The milestones' SQL on a hand-made fixture in DuckDB: each project's slip as at June 2022 worked
 * out by hand, the chart's order (group, worst slip first) and groups, and what changed since May
 * (a project turning red, one recovering, a start, a completion, a problem opened and one closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryContext } from '../../src/lib/db/coordinator-client.ts';
import { toMonth, type Month } from '../../src/lib/metrics/month.ts';
import { changesQuery, rankChangesQuery } from '../../src/lib/queries/changes.ts';
import {
  milestoneExportQuery,
  milestoneExtentQuery,
  milestoneGroupsQuery,
  milestoneOrderQuery,
  milestoneRowsQuery,
  milestoneSlip
} from '../../src/lib/queries/milestones.ts';
import {
  BADLY_SLIPPED_DAYS,
  milestonesAsAt,
  milestoneSlipAt,
  ON_TIME_DAYS,
  slipClass,
  slipClassSql,
  type MilestoneDates
} from '../../src/lib/views/milestones/slip.ts';
import { statePredicate } from '../../src/lib/state/filters.ts';
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import { openNodeApi, type Engine } from './db/engines.ts';

let engine: Engine;

// prettier-ignore
/** [id, district, sector, planned_start, planned_completion, actual_start, actual_completion] */
const PROJECTS: [string, string, string, string | null, string | null, string | null, string | null][] = [
  // started 10 days late, completion not due: slip 10
  ['A1', '01', 'industry', '2022-03-01', '2023-12-31', '2022-03-11', null],
  // not started, planned start 2022-05-01 is 60 days before 2022-06-30: slip 60
  ['A2', '01', 'ecology', '2022-05-01', '2023-06-30', null, null],
  // finished 5 days early, started on time: slip greatest(0, -5) = 0
  ['A3', '02', 'industry', '2021-01-01', '2022-06-10', '2021-01-01', '2022-06-05'],
  // completion due 2022-01-31, not finished: slip 150
  ['A4', '02', 'livelihood', '2020-01-01', '2022-01-31', '2020-02-01', null],
  // nothing due yet: no slip
  ['A5', '01', 'industry', '2022-09-01', '2024-01-01', null, null],
  // started after the month end (2022-07-10): not started as at June, so still slipping: 2022-06-30 − 2022-06-01 = 29
  ['A6', '02', 'ecology', '2022-06-01', '2023-01-01', '2022-07-10', null]
];

/** Facts as at May and June by hand: [id, started, finished, rag]. A5 and A6 stay unstarted in both. */
// prettier-ignore
const MAY: [string, boolean, boolean, string | null][] = [
  ['A1', true, false, 'green'], ['A2', false, false, 'amber'], ['A3', true, false, 'red'],
  ['A4', true, false, 'amber'], ['A5', false, false, null], ['A6', false, false, 'green']
];
// prettier-ignore
const JUNE: [string, boolean, boolean, string | null][] = [
  ['A1', true, false, 'red'], ['A2', false, false, 'amber'], ['A3', true, true, 'green'],
  ['A4', true, false, 'amber'], ['A5', false, false, null], ['A6', false, false, 'green']
];

const q = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);

async function factsTable(name: string, rows: typeof MAY): Promise<void> {
  const values = rows.map(([id, started, finished, rag], i) => {
    const p = PROJECTS.find((x) => x[0] === id)!;
    return `('${id}', 'Project ${id}', '${p[1]}', 'District ${p[1]}', '${p[2]}', 'new', ${started}, ${finished}, ${q(rag)}, TRUE, ${i})`;
  });
  await engine.rows(`CREATE TABLE ${name} (id VARCHAR, name VARCHAR, district_code VARCHAR, district_name VARCHAR, sector VARCHAR,
    phase VARCHAR, started BOOLEAN, finished BOOLEAN, rag VARCHAR, in_plan BOOLEAN, row_key INTEGER)`);
  await engine.rows(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
}

beforeAll(async () => {
  engine = await openNodeApi();
  await engine.rows(
    `CREATE TABLE projects (id VARCHAR, planned_start DATE, planned_completion DATE, actual_start DATE, actual_completion DATE)`
  );
  await engine.rows(
    `INSERT INTO projects VALUES ${PROJECTS.map(([id, , , ps, pc, as, ac]) => `('${id}', ${q(ps)}, ${q(pc)}, ${q(as)}, ${q(ac)})`).join(', ')}`
  );
  // The chart reads the projects' dates through their own projection (schema.ts TABLE_PROJECTIONS).
  await engine.rows(`CREATE VIEW project_dates AS SELECT * FROM projects`);
  await factsTable('facts_may', MAY);
  await factsTable('facts_june', JUNE);
  // [id, project, raised_on, status, closed_on]: P1 opened in June; P2 settled in June; P3 settled in May; P4 raised in July.
  await engine.rows(
    `CREATE TABLE problems (id VARCHAR, project_id VARCHAR, raised_on DATE, category VARCHAR, status VARCHAR, closed_on DATE, deadline DATE)`
  );
  await engine.rows(`INSERT INTO problems VALUES
    ('P1', 'A2', '2022-06-12', 'land', 'open', NULL, '2022-08-01'),
    ('P2', 'A4', '2022-02-01', 'funding', 'resolved', '2022-06-20', '2022-03-01'),
    ('P3', 'A1', '2022-01-05', 'approvals', 'closed', '2022-05-02', '2022-03-01'),
    ('P4', 'A1', '2022-07-02', 'other', 'open', NULL, '2022-09-01')`);
});
afterAll(() => engine?.close());

const JUNE_M = toMonth('2022-06');
const MAY_M = toMonth('2022-05');
function ctx(filters: Record<string, string[]> = {}): Pick<QueryContext, 'facts' | 'filter' | 'month' | 'factsOf'> {
  return {
    facts: { facts: 'facts_june' },
    filter: statePredicate(filters) ?? undefined,
    month: JUNE_M,
    factsOf: (m: Month) => ({ facts: m.key === '2022-05' ? 'facts_may' : 'facts_june' })
  };
}
const run = (query: { toString(): string }) => engine.rows(String(query));

describe('slip', () => {
  it('is each project’s worse milestone slip as at the month end, in days', async () => {
    const rows = await run(milestoneRowsQuery(ctx(), [0, 1, 2, 3, 4, 5]));
    const slip = Object.fromEntries(rows.map((r) => [r.id, r.slip_days]));
    expect(slip).toEqual({ A1: 10, A2: 60, A3: 0, A4: 150, A5: null, A6: 29 });
  });

  it('draws an actual date only once it is reached as at the today line', async () => {
    const rows = await run(milestoneRowsQuery(ctx(), [2, 5]));
    const a3 = rows.find((r) => r.id === 'A3')! as unknown as MilestoneDates;
    const a6 = rows.find((r) => r.id === 'A6')! as unknown as MilestoneDates;
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const june = day('2022-06-30');
    expect(milestonesAsAt(a3, june).actual_completion).toBe(day('2022-06-05'));
    expect(milestonesAsAt(a3, day('2022-05-31')).actual_completion).toBeNull();
    expect(a3.planned_start).toBe(day('2021-01-01'));
    expect(milestonesAsAt(a6, june).actual_start).toBeNull();
    expect(milestonesAsAt(a6, day('2022-07-31')).actual_start).toBe(day('2022-07-10'));
  });

  it('is the same for a milestone in the page as in SQL, dates either side of and on the month end', async () => {
    const end = '2022-06-30';
    const e = Date.parse(`${end}T00:00:00Z`) / 86_400_000;
    const dates = [null, e - 1, e, e + 1];
    const combos = dates.flatMap((planned) => dates.map((actual) => [planned, actual] as const));
    const iso = (d: number | null) => (d === null ? 'NULL' : `DATE '${new Date(d * 86_400_000).toISOString().slice(0, 10)}'`);
    await engine.rows(
      `CREATE TABLE slip_combos AS SELECT * FROM (VALUES ${combos
        .map(([p, a], i) => `(${i}, ${iso(p)}, ${iso(a)})`)
        .join(', ')}) t(i, planned, actual)`
    );
    // done by the facts' rule (metrics/facts.ts): reached = actual date ≤ month end.
    const slip = milestoneSlip('planned', 'actual', 'done', sql`DATE '${end}'`);
    const rows = await engine.rows(`SELECT d.i, ${slip} AS s FROM slip_combos AS d
      JOIN (SELECT i, coalesce(actual <= DATE '${end}', FALSE) AS done FROM slip_combos) AS f USING (i) ORDER BY d.i`);
    expect(rows.map((r) => (r.s === null ? null : Number(r.s)))).toEqual(combos.map(([p, a]) => milestoneSlipAt(p, a, e)));
  });

  it('is the same in the page as at any month end as in SQL as at that month (the playhead’s slips)', async () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    // Every month end over the fixture's dates, the facts' flags by their rule (metrics/facts.ts: reached = date ≤ month end).
    const months: [Month, string][] = [];
    for (let y = 2020; y <= 2024; y++)
      for (let m = 1; m <= 12; m++) {
        const month = toMonth(`${y}-${String(m).padStart(2, '0')}`);
        const name = `facts_${y}_${m}`;
        await engine.rows(`CREATE TABLE IF NOT EXISTS ${name} AS SELECT f.* REPLACE (
          coalesce(p.actual_start <= DATE '${month.end}', FALSE) AS started,
          coalesce(p.actual_completion <= DATE '${month.end}', FALSE) AS finished) FROM facts_june f JOIN projects p USING (id)`);
        months.push([month, name]);
      }
    for (const [month, facts] of months) {
      const rows = await run(milestoneRowsQuery({ ...ctx(), month, facts: { facts } }, [0, 1, 2, 3, 4, 5]));
      expect(rows.length).toBe(6);
      for (const r of rows) {
        const page = milestonesAsAt(r as unknown as MilestoneDates, day(month.end));
        expect([month.key, r.id, page.slip_days], 'slip').toEqual([month.key, r.id, r.slip_days]);
      }
    }
  });

  it('has no slip and no actual dates in a public build (no started or finished flags)', async () => {
    await engine.rows(
      `CREATE TABLE facts_public AS SELECT * REPLACE (CAST(NULL AS BOOLEAN) AS started, CAST(NULL AS BOOLEAN) AS finished) FROM facts_june`
    );
    const rows = await run(milestoneRowsQuery({ ...ctx(), facts: { facts: 'facts_public' } }, [0, 1, 2, 3, 4, 5]));
    expect(rows.map((r) => [r.slip_days, r.actual_start, r.actual_completion, r.dated])).toEqual(rows.map(() => [null, null, null, false]));
    const asAt = rows.map((r) => milestonesAsAt(r as unknown as MilestoneDates, 20_000));
    expect(asAt.map((r) => r.slip_days)).toEqual(rows.map(() => null));
    expect(rows.every((r) => r.planned_start !== null)).toBe(true);
  });

  it('orders rows by group, worst slip first, projects with no slip last', async () => {
    const keys = (await run(milestoneOrderQuery(ctx(), 'district'))).map((r) => r.row_key);
    // district 01: A2 (60), A1 (10), A5 (none); district 02: A4 (150), A6 (29), A3 (0)
    expect(keys).toEqual([1, 0, 4, 3, 5, 2]);
    const bySector = (await run(milestoneOrderQuery(ctx(), 'sector'))).map((r) => r.row_key);
    // ecology: A2, A6; industry: A1, A3, A5; livelihood: A4
    expect(bySector).toEqual([1, 5, 0, 2, 4, 3]);
  });

  it('counts the groups in the order’s group order, under a filter', async () => {
    expect(await run(milestoneGroupsQuery(ctx(), 'district'))).toEqual([
      { group_key: '01', group_name: 'District 01', projects: 3 },
      { group_key: '02', group_name: 'District 02', projects: 3 }
    ]);
    const industry = await run(milestoneGroupsQuery(ctx({ sector: ['industry'] }), 'district'));
    expect(industry.map((r) => r.projects)).toEqual([2, 1]);
    expect((await run(milestoneOrderQuery(ctx({ sector: ['industry'] }), 'district'))).map((r) => r.row_key)).toEqual([0, 4, 2]);
  });

  it('spans the time axis over every date of the selection', async () => {
    const [e] = await run(milestoneExtentQuery(ctx()));
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(e).toEqual({ first_day: day('2020-01-01'), last_day: day('2024-01-01'), projects: 6 });
  });
});

describe('slip classes in SQL', () => {
  it('are the page’s classes at and around each threshold', async () => {
    const days = [null, -40, 0, ON_TIME_DAYS, ON_TIME_DAYS + 1, BADLY_SLIPPED_DAYS, BADLY_SLIPPED_DAYS + 1, 400];
    for (const d of days) {
      const [row] = await engine.rows(
        String(sql`SELECT ${slipClassSql(sql`CAST(${d === null ? sql`NULL` : literal(d)} AS INTEGER)`)} AS c`)
      );
      expect(row.c, String(d)).toBe(slipClass(d));
    }
  });

  it('export the chart’s rows in its order, dates as dates and classes named', async () => {
    const rows = await run(milestoneExportQuery(ctx(), 'district', { sector: (v) => `S:${v}`, slipClass: (c) => `C:${c}` }));
    expect(rows.map((r) => r.id)).toEqual(['A2', 'A1', 'A5', 'A4', 'A6', 'A3']);
    const a4 = rows.find((r) => r.id === 'A4')!;
    expect(a4.slip_class).toBe('C:badly_slipped');
    expect(a4.sector).toBe('S:livelihood');
    expect((a4.planned_completion as Date).toISOString().slice(0, 10)).toBe('2022-01-31');
    expect(rows.find((r) => r.id === 'A5')!.slip_class).toBe('C:not_due');
  });
});

describe('what changed', () => {
  it('finds the start, the completion, the turn to red, the recovery and the problems opened and closed', async () => {
    const rows = await run(changesQuery(ctx(), { before: MAY_M, problems: true }));
    const got = rows.map((r) => [r.kind, r.project_id, r.kind_count]);
    expect(got).toEqual([
      ['completed', 'A3', 1],
      ['problem_closed', 'A4', 1],
      ['problem_opened', 'A2', 1],
      ['recovered', 'A3', 1],
      ['turned_red', 'A1', 1]
    ]);
    expect(rows.find((r) => r.kind === 'turned_red')!.detail).toBe('green>red');
    expect(rows.find((r) => r.kind === 'problem_opened')!.detail).toBe('land');
  });

  it('counts a start against the month before', async () => {
    // As at June against June itself nothing changed; against May with A6 started in June, one start.
    await engine.rows(
      `CREATE TABLE facts_june2 AS SELECT * REPLACE (CASE WHEN id = 'A6' THEN TRUE ELSE started END AS started) FROM facts_june`
    );
    const c = { ...ctx(), facts: { facts: 'facts_june2' } };
    const rows = await run(changesQuery(c, { before: MAY_M, problems: false }));
    expect(rows.filter((r) => r.kind === 'started').map((r) => r.project_id)).toEqual(['A6']);
    expect(rows.some((r) => String(r.kind).startsWith('problem'))).toBe(false);
  });

  it('follows the filters and cuts each list but not its count', async () => {
    const rows = await run(changesQuery(ctx({ district: ['02'] }), { before: MAY_M, problems: true }));
    expect(rows.map((r) => r.project_id).sort()).toEqual(['A3', 'A3', 'A4']);
    await engine.rows(`CREATE TABLE facts_june3 AS SELECT * REPLACE ('red' AS rag) FROM facts_june`);
    const all = await run(changesQuery({ ...ctx(), facts: { facts: 'facts_june3' } }, { before: MAY_M, problems: false, limit: 2 }));
    const red = all.filter((r) => r.kind === 'turned_red');
    expect(red).toHaveLength(2);
    expect(red[0].kind_count).toBe(5); // all but A3 were not red in May (A5 had no RAG)
  });

  it('lists the districts whose league rank moved, most places up first', async () => {
    const league = Query.from('ranks').select('*');
    await engine.rows(`CREATE TABLE ranks AS SELECT * FROM (VALUES ('01', 'A', 1, 3, 2), ('02', 'B', 2, 1, -1), ('03', 'C', 3, 3, 0), ('04', 'D', NULL, 2, NULL))
      AS t(unit, unit_name, composite_rank, previous_rank, rank_change)`);
    const rows = await run(rankChangesQuery(league));
    expect(rows.map((r) => [r.unit, r.rank_change])).toEqual([
      ['01', 2],
      ['02', -1]
    ]);
  });
});
