/**
 * The statements that build a month's facts as a table, in slices of the projects.
 *
 * One CREATE TABLE … AS over a million projects took duckdb-wasm's memory from 0.27 to 0.94 GB,
 * and WebAssembly memory never shrinks (1M projects, a probe of npm run bench's page). So the
 * monthly and problem aggregates are materialised once, and the facts are inserted one slice of
 * projects at a time (by a hash of the project id, on both sides of the join, so no count has to
 * be known before the statements are sent), each its own statement: 0.56 GB.
 */
import { column, literal, sql } from '@uwdata/mosaic-sql';
import type { Expr } from './sql.ts';
import { toMonth, type Month } from './month.ts';
import { DEFAULT_RULE_PRESET, metricRules, type MetricRules } from './preset.ts';
import { monthlyAsAt, projectFacts } from './facts.ts';
import { problemsAsAt } from './problems.ts';

export interface FactsTableOptions {
  /** The facts table to create (an identifier made by the caller, never user input). */
  table: string;
  month: string | Month;
  rules?: MetricRules;
  internal?: boolean;
  /** Statements the projects are split into (default FACTS_SLICES). */
  slices?: number;
}

/** Slices of the projects (at 1M, 125k a statement). */
export const FACTS_SLICES = 8;

/**
 * SQL statements, in order: aggregates, the slices into a building table, dropping the
 * aggregates, and the rename. The facts are built under another name and renamed last, so a
 * statement that fails half-way leaves no half-filled table under `table` (its queries then
 * fail with "table not found" instead of answering from part of the projects).
 */
export function factsTableStatements({
  table,
  month,
  rules = metricRules(DEFAULT_RULE_PRESET),
  internal = true,
  slices = FACTS_SLICES
}: FactsTableOptions): string[] {
  if (!/^\w+$/.test(table)) throw new RangeError(`not a table name: ${table}`);
  if (!Number.isInteger(slices) || slices < 1) throw new RangeError(`slices must be a positive integer: ${slices}`);
  const m = toMonth(month);
  const monthly = `${table}_monthly`;
  const problems = `${table}_problems`;
  const statements: string[] = [];
  if (internal) {
    statements.push(`CREATE OR REPLACE TEMP TABLE ${monthly} AS ${monthlyAsAt(m, rules)}`);
    statements.push(`CREATE OR REPLACE TEMP TABLE ${problems} AS ${problemsAsAt(m)}`);
  }
  // Slices by a hash of the project id, on both sides of the join: each statement's hash
  // table then holds a slice of the monthly aggregate, not all of it (a filter on the projects
  // alone left DuckDB building on the whole aggregate, +180 MB a statement at 1M projects).
  const part = (id: Expr, k: number) => sql`hash(${id}) % ${literal(slices)} = ${literal(k)}`;
  const sliced = slices > 1;
  const building = `${table}_building`;
  for (let k = 0; k < slices; k++) {
    const projects = sliced ? part(column('id', 'p'), k) : undefined;
    const monthlyPart = sliced ? sql`(SELECT * FROM ${column(monthly)} WHERE ${part(column('project_id'), k)})` : monthly;
    const facts = projectFacts({
      month: m,
      rules,
      internal,
      inputs: internal ? { monthly: monthlyPart, problems, projects } : { projects }
    });
    statements.push(k === 0 ? `CREATE OR REPLACE TABLE ${building} AS ${facts}` : `INSERT INTO ${building} ${facts}`);
  }
  if (internal) statements.push(`DROP TABLE IF EXISTS ${monthly}`, `DROP TABLE IF EXISTS ${problems}`);
  statements.push(`DROP TABLE IF EXISTS ${table}`, `ALTER TABLE ${building} RENAME TO ${table}`);
  return statements;
}
