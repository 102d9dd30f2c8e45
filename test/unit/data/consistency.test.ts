/** Dates and money consistent in every demo dataset, read back from the Parquet. */
import { describe, expect, it } from 'vitest';
import { DEMO_IDS, useDemoDb } from './helpers.ts';

const demo = useDemoDb();

const count = async (sql: string) => (await demo.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`)).n;

describe.each(DEMO_IDS)('%s', (id) => {
  const P = () => demo.db.f(id, 'projects');
  const M = () => demo.db.f(id, 'monthly');
  const W = () => demo.db.f(id, 'problems');

  it('money: annual plan ≤ remaining investment, preparatory plan 0, funding adds up, size bucket matches', async () => {
    expect(
      await count(`SELECT id FROM ${P()} WHERE annual_plan > total_investment - invested_before OR annual_plan < 0 OR invested_before < 0`)
    ).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE phase = 'preparatory' AND (annual_plan <> 0 OR invested_before <> 0)`)).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE phase <> 'preparatory' AND annual_plan <= 0`)).toBe(0);
    expect(
      await count(
        `SELECT id FROM ${P()} WHERE funding_central_budget + funding_special_bonds + funding_bank_loans + funding_private_capital + funding_other <> total_investment`
      )
    ).toBe(0);
    expect(
      await count(`SELECT id FROM ${P()} WHERE size_bucket <> CASE WHEN total_investment < 1000 THEN 'lt1000' WHEN total_investment < 3000 THEN '1000_3000'
        WHEN total_investment < 5000 THEN '3000_5000' WHEN total_investment < 10000 THEN '5000_10000' WHEN total_investment < 100000 THEN '1e4_1e5' ELSE 'ge1e5' END`)
    ).toBe(0);
  });

  it('dates: actual start only after every approval, with a construction permit; completion only for started projects', async () => {
    const meta = demo.db.meta(id);
    const kinds = ['project', 'land', 'planning', 'eia', 'energy', 'construction'];
    const after = kinds.map((k) => `(approval_${k}_date IS NULL OR approval_${k}_date < actual_start)`).join(' AND ');
    expect(await count(`SELECT id FROM ${P()} WHERE actual_start IS NOT NULL AND NOT (${after})`)).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE actual_start IS NOT NULL AND approval_construction <> 'done'`)).toBe(0);
    const doneHasDate = kinds.map((k) => `((approval_${k} = 'done') = (approval_${k}_date IS NOT NULL))`).join(' AND ');
    expect(await count(`SELECT id FROM ${P()} WHERE NOT (${doneHasDate})`)).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE actual_start > DATE '${meta.as_of}' OR actual_completion > DATE '${meta.as_of}'`)).toBe(
      0
    );
    expect(
      await count(
        `SELECT id FROM ${P()} WHERE actual_completion IS NOT NULL AND (actual_start IS NULL OR actual_completion <= actual_start)`
      )
    ).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE phase IN ('continuing', 'completion') AND actual_start IS NULL`)).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE phase = 'preparatory' AND actual_start IS NOT NULL`)).toBe(0);
    expect(await count(`SELECT id FROM ${P()} WHERE planned_completion < planned_start`)).toBe(0);
  });

  it('monthly: one row per project and month from January to the as-of month', async () => {
    const meta = demo.db.meta(id);
    const first = `${(meta.years ?? [meta.year])[0]}-01-01`;
    const months = await demo.db.one<{ n: number }>(`SELECT (date_diff('month', DATE '${first}', DATE '${meta.as_of}') + 1)::INTEGER AS n`);
    const r = await demo.db.rows<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM ${P()} p LEFT JOIN ${M()} m ON m.project_id = p.id
       AND m.month BETWEEN DATE '${first}' AND DATE '${meta.as_of}' GROUP BY p.id HAVING n <> ${months.n}`
    );
    expect(r).toEqual([]);
    expect(await count(`SELECT * FROM ${M()} WHERE day(month) <> 1 OR month > DATE '${meta.as_of}' OR month < DATE '${first}'`)).toBe(0);
  });

  it('monthly: cumulative never decreases within a year and adds up the months; no completion before the start', async () => {
    const lagged = `SELECT project_id, month, completed_month, completed_ytd,
        lag(completed_ytd) OVER (PARTITION BY project_id, year(month) ORDER BY month) AS prev,
        lag(physical_progress) OVER (PARTITION BY project_id ORDER BY month) AS prev_p, physical_progress FROM ${M()}`;
    expect(
      await count(
        `SELECT * FROM (${lagged}) WHERE completed_ytd < coalesce(prev, 0) OR completed_month <> completed_ytd - coalesce(prev, 0)`
      )
    ).toBe(0);
    expect(
      await count(`SELECT * FROM (${lagged}) WHERE physical_progress < coalesce(prev_p, 0) OR physical_progress NOT BETWEEN 0 AND 100`)
    ).toBe(0);
    expect(
      await count(`SELECT m.* FROM ${M()} m JOIN ${P()} p ON p.id = m.project_id
        WHERE m.completed_ytd > 0 AND (p.actual_start IS NULL OR p.actual_start > last_day(m.month))`)
    ).toBe(0);
    // Within a year a project never completes more than it has left to build.
    expect(
      await count(`SELECT m.* FROM ${M()} m JOIN ${P()} p ON p.id = m.project_id
        WHERE year(m.month) = ${demo.db.meta(id).year} AND m.completed_ytd > p.total_investment - p.invested_before`)
    ).toBe(0);
    expect(await count(`SELECT * FROM ${M()} WHERE planned_ytd < 0 OR completed_month < 0`)).toBe(0);
  });

  it('monthly: reports arrive after the month starts; some late, some missing', async () => {
    const pr = demo.db.meta(id).rule_preset;
    const due =
      pr.reports.due_month === 'next'
        ? `(month + INTERVAL 1 MONTH)::DATE + ${pr.reports.due_day - 1}`
        : `month + ${pr.reports.due_day - 1}`;
    expect(await count(`SELECT * FROM ${M()} WHERE reported_on < month`)).toBe(0);
    const r = await demo.db.one<{ late: number; missing: number }>(
      `SELECT count(*) FILTER (WHERE reported_on > ${due})::INTEGER AS late, count(*) FILTER (WHERE reported_on IS NULL)::INTEGER AS missing FROM ${M()}`
    );
    expect(r.late).toBeGreaterThan(0);
    if (id !== 'county-2023') expect(r.missing).toBeGreaterThan(0);
  });

  it('problems: dates, statuses and escalation consistent with the preset', async () => {
    const pr = demo.db.meta(id).rule_preset;
    const asOf = demo.db.meta(id).as_of;
    expect(await count(`SELECT w.id FROM ${W()} w ANTI JOIN ${P()} p ON p.id = w.project_id`)).toBe(0);
    expect(await count(`SELECT id FROM ${W()} WHERE deadline <= raised_on OR raised_on > DATE '${asOf}'`)).toBe(0);
    expect(
      await count(
        `SELECT id FROM ${W()} WHERE (status = 'closed') <> (closed_on IS NOT NULL) OR closed_on < raised_on OR closed_on > DATE '${asOf}'`
      )
    ).toBe(0);
    expect(await count(`SELECT id FROM ${W()} WHERE status <> 'open' AND solution IS NULL`)).toBe(0);
    // One interview per interview step the notices have reached (the county ladder's 2 and 3 where the plan's ladder counts no notices).
    const ladder = (pr.escalation?.steps ?? []).flatMap((s) =>
      s.action === 'interview' && s.when.kind === 'notices' ? [s.when.notices] : []
    );
    const interviews = (ladder.length ? ladder : [2, 3]).map((n) => `(CASE WHEN notices >= ${n} THEN 1 ELSE 0 END)`).join(' + ');
    expect(await count(`SELECT id FROM ${W()} WHERE interviews <> ${interviews}`)).toBe(0);
    // A notice is only issued once the deadline has passed.
    expect(await count(`SELECT id FROM ${W()} WHERE notices > 0 AND deadline >= coalesce(closed_on, DATE '${asOf}')`)).toBe(0);
    expect(await count(`SELECT id FROM ${W()}`)).toBeGreaterThan(0);
  });
});

describe('liuzhou-2022 behaviour', () => {
  it('has leaders, laggards and projects stalled for at least two months', async () => {
    const M = demo.db.f('liuzhou-2022', 'monthly');
    const stalled = await count(
      `SELECT project_id FROM ${M} WHERE month >= DATE '2022-08-01' GROUP BY project_id
       HAVING sum(completed_month) = 0 AND max(completed_ytd) > 0 AND bool_and(note IS NOT NULL)`
    );
    expect(stalled).toBeGreaterThan(5);
    const r = await demo.db.one<{ ahead: number; behind: number }>(
      `SELECT count(*) FILTER (WHERE completed_ytd >= planned_ytd * 1.05)::INTEGER AS ahead,
              count(*) FILTER (WHERE completed_ytd < planned_ytd * 0.8)::INTEGER AS behind
       FROM ${M} WHERE month = DATE '2022-09-01' AND planned_ytd > 0`
    );
    expect(r.ahead).toBeGreaterThan(20);
    expect(r.behind).toBeGreaterThan(20);
  });
});
