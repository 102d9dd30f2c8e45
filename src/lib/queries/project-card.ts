/**
 * The project card's queries: one project as at the month (facts), its details, its monthly
 * curve and its open problems. Internal parts are only asked for when the dataset has them.
 * Details, months and problems read `from` the few rows looked up for the project
 * (db/row-lookup.ts); the `*Columns` lists say which columns those lookups read.
 */
import { column, literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import type { Month } from '../metrics/month.ts';
import { problemOpenAt, problemOverdueAt, problemStatusAt } from '../metrics/problems.ts';
import { APPROVAL_KINDS } from '../schema.ts';

const money = (c: string) => sql`CAST(${column(c)} AS DOUBLE)`;

export function cardFactsQuery(facts: FactsSource, id: string): SelectQuery {
  return Query.from(facts)
    .select(
      'id',
      'name',
      'phase',
      'sector',
      'district_code',
      'district_name',
      'level',
      'rag',
      'completion_rate',
      'elapsed_share',
      'gap_points',
      {
        total_investment: money('total_investment'),
        annual_plan: money('annual_plan'),
        completed_ytd: money('completed_ytd')
      }
    )
    .where(sql`id = ${literal(id)}`);
}

/** Columns of projects.parquet the details read. */
export function cardDetailsColumns(internal: boolean): string[] {
  const cols: string[] = ['owner', 'description'];
  if (internal) {
    cols.push('responsible_units', 'lead_official');
    for (const k of APPROVAL_KINDS) cols.push(`approval_${k}`, `approval_${k}_date`);
  }
  return cols;
}

export function cardDetailsQuery(id: string, internal: boolean, from = 'projects'): SelectQuery {
  const select: Record<string, unknown> = {};
  for (const c of cardDetailsColumns(internal)) select[c] = c.endsWith('_date') ? sql`strftime(${column(c)}, '%Y-%m-%d')` : c;
  return Query.from(from)
    .select(select as never)
    .where(sql`id = ${literal(id)}`);
}

/** Columns of monthly.parquet the curve reads. */
export const CARD_MONTHLY_COLUMNS = ['project_id', 'month', 'planned_ytd', 'completed_ytd'] as const;

export function cardMonthlyQuery(id: string, year: number, lastMonth: string, from = 'monthly'): SelectQuery {
  return Query.from(from)
    .select({ month: sql`strftime(month, '%Y-%m')`, plan: money('planned_ytd'), actual: money('completed_ytd') })
    .where(sql`project_id = ${literal(id)} AND year(month) = ${literal(year)} AND month <= ${sql`DATE ${literal(`${lastMonth}-01`)}`}`)
    .orderby('month');
}

/** Columns of problems.parquet the list reads. */
export const CARD_PROBLEM_COLUMNS = [
  'project_id',
  'id',
  'category',
  'level',
  'description',
  'status',
  'notices',
  'interviews',
  'deadline',
  'raised_on',
  'closed_on'
] as const;

/**
 * The project's problems open at the month end (metrics/problems.ts: the metrics' own rule), with
 * their status as at the month end, soonest deadline first.
 */
export function cardProblemsQuery(id: string, month: Month, from = 'problems'): SelectQuery {
  return Query.from(from)
    .select('id', 'category', 'level', 'description', 'notices', 'interviews', {
      status: problemStatusAt(month),
      deadline: sql`strftime(deadline, '%Y-%m-%d')`,
      raised_on: sql`strftime(raised_on, '%Y-%m-%d')`,
      overdue: problemOverdueAt(month)
    })
    .where(sql`project_id = ${literal(id)}`, problemOpenAt(month))
    .orderby(sql`deadline`, 'id');
}
