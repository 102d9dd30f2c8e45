/**
 * The project card's queries: one project as at the month (facts), its details, its monthly
 * curve and its open problems. Internal parts are only asked for when the dataset has them.
 */
import { column, literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../../metrics/query.ts';
import { APPROVAL_KINDS } from '../../schema.ts';

const money = (c: string) => sql`CAST(${column(c)} AS DOUBLE)`;

export function cardFactsQuery(facts: FactsSource, id: string): SelectQuery {
  return Query.from(facts)
    .select('id', 'name', 'phase', 'sector', 'district_name', 'level', 'rag', 'completion_rate', 'elapsed_share', 'gap_points', {
      total_investment: money('total_investment'),
      annual_plan: money('annual_plan'),
      completed_ytd: money('completed_ytd')
    })
    .where(sql`id = ${literal(id)}`);
}

export function cardDetailsQuery(id: string, internal: boolean): SelectQuery {
  const cols: string[] = ['owner', 'description'];
  if (internal) {
    cols.push('responsible_units', 'lead_official');
    for (const k of APPROVAL_KINDS) cols.push(`approval_${k}`, `approval_${k}_date`);
  }
  const select: Record<string, unknown> = {};
  for (const c of cols) select[c] = c.endsWith('_date') ? sql`strftime(${column(c)}, '%Y-%m-%d')` : c;
  return Query.from('projects').select(select as never).where(sql`id = ${literal(id)}`);
}

export function cardMonthlyQuery(id: string, year: number, lastMonth: string): SelectQuery {
  return Query.from('monthly')
    .select({ month: sql`strftime(month, '%Y-%m')`, plan: money('planned_ytd'), actual: money('completed_ytd') })
    .where(sql`project_id = ${literal(id)} AND year(month) = ${literal(year)} AND month <= ${sql`DATE ${literal(`${lastMonth}-01`)}`}`)
    .orderby('month');
}

export function cardProblemsQuery(id: string): SelectQuery {
  return Query.from('problems')
    .select('id', 'category', 'level', 'description', 'status', 'notices', 'interviews', { deadline: sql`strftime(deadline, '%Y-%m-%d')` })
    .where(sql`project_id = ${literal(id)} AND status <> 'closed'`)
    .orderby(sql`deadline`);
}
