/**
 * The project card lists a project's problems open at the chosen month by the metrics' own rule
 * (metrics/problems.ts): raised by the month's end and not settled by then. It never lists a
 * problem raised later, nor one resolved or closed out by then, and its count is the metric's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsQuery } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { monthOf } from '../../../src/lib/metrics/month.ts';
import { cardProblemsQuery } from '../../../src/lib/queries/project-card.ts';
import { FIXTURE_META, writeFixture } from '../metrics/fixture.ts';
import { openNodeApi, type Engine } from './engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openNodeApi(await writeFixture());
});
afterAll(() => engine?.close());

const rules = metricRules(FIXTURE_META.rule_preset);
const ids = async (project: string, month: number) =>
  (await engine.rows(String(cardProblemsQuery(project, monthOf(2022, month))))).map((r) => r.id);

describe('the project card’s problems', () => {
  it('leave out a problem raised after the month, and one settled by its end', async () => {
    // X3 is raised on 1 June: not yet in May.
    expect(await ids('P02', 5)).toEqual(['X2']);
    expect(await ids('P02', 6)).toEqual(['X2', 'X3']);
    // X4 is resolved on 5 June: open at the end of May, settled at the end of June.
    expect(await ids('P04', 5)).toEqual(['X4']);
    expect(await ids('P04', 6)).toEqual([]);
    // X1 is closed out on 10 May.
    expect(await ids('P01', 4)).toEqual(['X1']);
    expect(await ids('P01', 5)).toEqual([]);
  });

  it('say which are overdue at the month’s end', async () => {
    const rows = await engine.rows(String(cardProblemsQuery('P02', monthOf(2022, 6))));
    expect(rows.map((r) => [r.id, r.overdue])).toEqual([
      ['X2', true],
      ['X3', false]
    ]);
  });

  it('are as many as the metric counts open, for every project and month', async () => {
    for (const month of [2, 3, 4, 5, 6]) {
      const m = monthOf(2022, month);
      const open = await engine.rows(String(metricsQuery({ month: m, level: 'project', metrics: ['problems_open'], rules })));
      for (const row of open)
        expect([row.id, month, (await ids(String(row.id), month)).length]).toEqual([row.id, month, row.problems_open ?? 0]);
    }
  });
});
