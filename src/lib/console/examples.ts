/**
 * Example queries for the questions the plans ask (domain.md), over the console's stable names
 * (stable-names.ts) and the columns of schema.ts. Each runs on every demo dataset
 * (test/unit/console/examples.test.ts); those that read internal columns or tables are offered
 * for internal datasets only. Money stays DECIMAL of 万元 until it is rounded for display (亿元).
 */
import type { MessageKey } from '../i18n/messages.ts';

export interface ExampleQuery {
  id: string;
  /** Its title (also written as the query's first comment line). */
  title: MessageKey;
  sql: string;
  /** Reads internal columns or tables: not offered for a public dataset. */
  internal: boolean;
}

export const EXAMPLES: readonly ExampleQuery[] = [
  {
    id: 'behind-by-district',
    title: 'console.example.behindByDistrict',
    internal: true,
    sql: `SELECT district_name,
       count(*) AS projects,
       count(*) FILTER (WHERE gap_points < 0) AS behind,
       count(*) FILTER (WHERE rag = 'red') AS red,
       round(100.0 * count(*) FILTER (WHERE gap_points < 0) / count(*), 1) AS behind_pct
FROM selection
WHERE in_plan AND annual_plan > 0
GROUP BY district_name
ORDER BY behind DESC, district_name`
  },
  {
    id: 'top-lagging',
    title: 'console.example.topLagging',
    internal: true,
    sql: `SELECT id, name, district_name,
       annual_plan,
       completed_ytd,
       CAST(annual_plan * elapsed_share AS DECIMAL(18, 2)) AS planned_to_date,
       CAST(annual_plan * elapsed_share - completed_ytd AS DECIMAL(18, 2)) AS gap_wan,
       round(gap_points, 1) AS gap_points
FROM selection
WHERE in_plan AND annual_plan > 0
ORDER BY gap_wan DESC, id
LIMIT 10`
  },
  {
    id: 'plan-by-phase-sector',
    title: 'console.example.planByPhaseSector',
    internal: true,
    sql: `SELECT phase, sector,
       count(*) AS projects,
       round(sum(total_investment) / 10000, 2) AS total_yi,
       round(sum(annual_plan) / 10000, 2) AS annual_plan_yi,
       round(sum(completed_ytd) / 10000, 2) AS completed_yi
FROM selection
WHERE in_plan
GROUP BY ROLLUP (phase, sector)
ORDER BY phase NULLS LAST, sector NULLS LAST`
  },
  {
    id: 'open-problems-by-district',
    title: 'console.example.openProblems',
    internal: true,
    sql: `SELECT district_name,
       sum(problems_raised - problems_settled) AS open_problems,
       sum(problems_overdue) AS overdue,
       count(*) FILTER (WHERE problems_raised > problems_settled) AS projects_with_open
FROM selection
GROUP BY district_name
ORDER BY open_problems DESC, district_name`
  },
  {
    id: 'problem-ledger',
    title: 'console.example.problemLedger',
    internal: true,
    sql: `SELECT p.category, p.level,
       count(*) AS problems,
       count(*) FILTER (WHERE p.status IN ('resolved', 'closed')) AS settled,
       sum(p.notices) AS notices,
       sum(p.interviews) AS interviews
FROM problems AS p
JOIN selection AS s ON s.id = p.project_id
GROUP BY p.category, p.level
ORDER BY problems DESC, p.category, p.level`
  },
  {
    id: 'monthly-trend',
    title: 'console.example.monthlyTrend',
    internal: true,
    sql: `SELECT m.month,
       sum(m.completed_month) AS completed_month,
       sum(m.completed_ytd) AS completed_ytd,
       sum(m.planned_ytd) AS planned_ytd,
       count(*) FILTER (WHERE m.reported_on IS NULL) AS reports_missing
FROM monthly AS m
JOIN selection AS s ON s.id = m.project_id
GROUP BY m.month
ORDER BY m.month`
  },
  {
    id: 'start-rate',
    title: 'console.example.startRate',
    internal: true,
    sql: `SELECT district_name,
       count(*) AS new_projects,
       count(*) FILTER (WHERE started) AS started,
       round(100.0 * count(*) FILTER (WHERE started) / count(*), 1) AS start_rate_pct
FROM selection
WHERE phase = 'new' AND in_plan
GROUP BY district_name
ORDER BY start_rate_pct, district_name`
  },
  {
    id: 'investment-by-district',
    title: 'console.example.byDistrict',
    internal: false,
    sql: `SELECT district_name, sector,
       count(*) AS projects,
       round(sum(total_investment) / 10000, 2) AS total_yi,
       round(sum(annual_plan) / 10000, 2) AS annual_plan_yi
FROM selection
GROUP BY district_name, sector
ORDER BY district_name, sector`
  },
  {
    id: 'largest-projects',
    title: 'console.example.largest',
    internal: false,
    sql: `SELECT p.name, p.district_name, p.sector, p.phase, p.total_investment, p.planned_start, p.planned_completion
FROM projects AS p
JOIN selection AS s ON s.id = p.id
ORDER BY p.total_investment DESC, p.id
LIMIT 20`
  },
  {
    id: 'summarize',
    title: 'console.example.summarize',
    internal: false,
    sql: 'SUMMARIZE selection'
  }
];

/** The examples a dataset can run. */
export function examplesFor(internal: boolean): ExampleQuery[] {
  return EXAMPLES.filter((e) => internal || !e.internal);
}

/** An example as it goes into the editor: its title as the first comment line. */
export function exampleText(example: ExampleQuery, title: string): string {
  return `-- ${title}\n${example.sql}`;
}
