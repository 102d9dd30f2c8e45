/** SQL checked twice: the exact text of small builders, and DuckDB accepting every full query. */
import { describe, expect, it } from 'vitest';
import { sql } from '@uwdata/mosaic-sql';
import {
  METRIC_LEVELS,
  metricsQuery,
  metricRules,
  reportDueDate,
  parseMonth,
  monthsUpTo,
  isAvailableMonth
} from '../../../src/lib/metrics/index.ts';
import { problemsAsAt } from '../../../src/lib/metrics/problems.ts';
import { dateLiteral } from '../../../src/lib/metrics/sql.ts';
import { emptySchemaDb, explain } from '../db/empty-schema.ts';
import { testPreset } from '../rules/test-preset.ts';

const lishui = metricRules(testPreset('lishui'));

describe('SQL text', () => {
  it('report due date: the 5th of the next month, clamped to its last day', () => {
    expect(String(reportDueDate(sql`month`, lishui))).toBe(
      'LEAST(CAST((month + to_months(1)) + to_days(4) AS DATE), last_day((month + to_months(1))))'
    );
  });

  it('problems as at a month end', () => {
    expect(String(problemsAsAt(parseMonth('2022-02')!))).toBe(
      `SELECT "project_id", count(*) AS "problems_raised", ` +
        `count(*) FILTER (WHERE (status = 'closed' AND (closed_on IS NULL OR closed_on <= DATE '2022-02-28'))) AS "problems_closed", ` +
        `count(*) FILTER (WHERE (status IN ('resolved', 'closed') AND (closed_on IS NULL OR closed_on <= DATE '2022-02-28'))) AS "problems_settled", ` +
        `count(*) FILTER (WHERE NOT (status IN ('resolved', 'closed') AND (closed_on IS NULL OR closed_on <= DATE '2022-02-28')) AND deadline < DATE '2022-02-28') AS "problems_overdue" ` +
        `FROM "problems" WHERE raised_on <= DATE '2022-02-28' GROUP BY "project_id"`
    );
  });

  it('date literals refuse anything but YYYY-MM-DD', () => {
    expect(String(dateLiteral('2022-06-30'))).toBe("DATE '2022-06-30'");
    expect(() => dateLiteral("2022-06-30' OR 1=1 --")).toThrow(RangeError);
  });

  it('reads the SQL rules of a validated preset, and the default rules without one', () => {
    expect(metricRules(testPreset('j', { amberPoints: 15, dueDay: 25, dueMonth: 'same' }))).toEqual({
      rag: { basis: 'points_behind', green_max_points_behind: 0, amber_max_points_behind: 15 },
      monthlyTargets: true,
      dueDay: 25,
      dueNextMonth: false
    });
    expect(metricRules()).toMatchObject({ dueDay: 5, dueNextMonth: true, rag: { amber_max_points_behind: 10 } });
  });
});

describe('months', () => {
  it('parses YYYY-MM and days, rejects the rest', () => {
    expect(parseMonth('2024-02')).toEqual({ key: '2024-02', start: '2024-02-01', end: '2024-02-29', year: 2024, index: 2 });
    expect(parseMonth('2022-06-15')?.key).toBe('2022-06');
    for (const bad of ['2022-13', '2022-6', 'june', '2022-02-30', '', null]) expect(parseMonth(bad)).toBeNull();
  });

  it('lists January to the as-of month and knows which are available', () => {
    expect(monthsUpTo('2022-03').map((m) => m.key)).toEqual(['2022-01', '2022-02', '2022-03']);
    const asOf = parseMonth('2022-06')!;
    expect(isAvailableMonth(parseMonth('2022-07')!, asOf)).toBe(false);
    expect(isAvailableMonth(parseMonth('2021-12')!, asOf)).toBe(false);
    expect(isAvailableMonth(parseMonth('2021-12')!, asOf, [2021, 2022])).toBe(true);
  });
});

describe('DuckDB accepts', () => {
  it('every level of the metrics query, internal and public', async () => {
    const full = await emptySchemaDb();
    const pub = await emptySchemaDb({ publicOnly: true });
    for (const level of METRIC_LEVELS) {
      await explain(full, String(metricsQuery({ month: '2022-06', level, filter: [sql`rag = 'red'`] })));
      await explain(pub, String(metricsQuery({ month: '2022-06', level, internal: false })));
    }
  });
});
