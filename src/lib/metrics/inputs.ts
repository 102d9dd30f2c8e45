/**
 * The additive inputs of every metric: each is a sum over facts rows (or the row count), so the
 * inputs of two groups add up to the inputs of their union. A metric is a formula over inputs
 * (formula.ts, definitions.ts), evaluated once per group: by DuckDB over the aggregates, by the
 * page over sums of typed arrays (db/local/), or over a pre-aggregated summary.
 *
 * Money inputs are integer cents (exact: facts money is DECIMAL(18,2) of 万元); counts are
 * integers. A sum over no non-NULL value is NULL, as in SQL; the row count is never NULL.
 */
import { sql } from '@uwdata/mosaic-sql';
import { cents, flag, type Expr } from './sql.ts';

export interface MetricInput {
  /** Money sums are cents of 万元; counts are plain integers. */
  kind: 'money' | 'count';
  /** The value each facts row adds (NULL adds nothing); null for the row count, count(*). */
  row: Expr | null;
}

const money = (row: Expr): MetricInput => ({ kind: 'money', row });
const count = (row: Expr | null): MetricInput => ({ kind: 'count', row });
const implementation = sql`phase <> 'preparatory'`;

/** Every input, by name. */
export const INPUTS = {
  projects: count(null),
  total: money(sql`total_investment`),
  /** Preparatory projects carry no annual target. */
  annual: money(sql`CASE WHEN ${implementation} THEN annual_plan END`),
  /** C, P, S, U of investment.ts: completed, plan, planned-to-date where monthly targets exist, plan without them. */
  completed: money(sql`basis_completed`),
  plan: money(sql`basis_plan`),
  scheduled: money(sql`basis_scheduled`),
  unscheduled: money(sql`basis_unscheduled`),
  new: count(flag(sql`phase = 'new'`)),
  new_started: count(flag(sql`phase = 'new' AND started`)),
  completion: count(flag(sql`phase = 'completion'`)),
  completion_finished: count(flag(sql`phase = 'completion' AND finished`)),
  approvals_required: count(sql`approvals_required`),
  approvals_done: count(sql`approvals_done`),
  implementation: count(flag(implementation)),
  registered: count(flag(sql`${implementation} AND stat_registered`)),
  problems_raised: count(sql`problems_raised`),
  problems_closed: count(sql`problems_closed`),
  /** Raised and not settled (problems.ts: the one definition of "open"). */
  problems_open: count(sql`problems_raised - problems_settled`),
  problems_overdue: count(sql`problems_overdue`),
  reports_late: count(flag(sql`report_late`)),
  reports_late_ytd: count(sql`reports_late_ytd`)
} as const satisfies Record<string, MetricInput>;

export type InputId = keyof typeof INPUTS;
export const INPUT_IDS = Object.keys(INPUTS) as InputId[];

/** An input as an aggregate over facts rows: BIGINT cents for money, the integer sum for counts. */
export function inputAggregate(id: InputId): Expr {
  const input: MetricInput = INPUTS[id];
  if (input.row === null) return sql`count(*)`;
  return input.kind === 'money' ? cents(sql`sum(${input.row})`) : sql`sum(${input.row})`;
}

/** An input's value on one facts row (cents for money). */
export function inputRow(id: InputId): Expr {
  const input: MetricInput = INPUTS[id];
  if (input.row === null) return sql`1`;
  return input.kind === 'money' ? cents(input.row) : input.row;
}

/** Inputs whose value can be read off one facts row as a DOUBLE (NaN for NULL), for the page's index. */
export function inputRowAsDouble(id: InputId): Expr {
  return sql`coalesce(CAST(${inputRow(id)} AS DOUBLE), CAST('NaN' AS DOUBLE))`;
}

/**
 * The inputs the page keeps per project (db/local/filter-index.ts), about 8 bytes each: what the
 * KPI strip and the programme tables read. A metric needing any other input is asked of DuckDB.
 */
export const PAGE_INPUTS = [
  'total',
  'annual',
  'completed',
  'plan',
  'scheduled',
  'unscheduled',
  'new',
  'new_started'
] as const satisfies readonly InputId[];
export type PageInputId = (typeof PAGE_INPUTS)[number];

/**
 * A facts row as the page reads it from the decoded month (db/local/index-from-facts.ts), before
 * or without DuckDB: money as exact cents (rounded half away from zero as DuckDB's cast to BIGINT
 * rounds), NaN for NULL; text and booleans null for NULL.
 */
export interface FactsRow {
  cents(column: string): number;
  text(column: string): string | null;
  bool(column: string): boolean | null;
}

/** What a page input reads off a facts row: the facts columns it needs, and its value (NaN for NULL). */
export interface PageInputRow {
  reads: readonly { column: string; as: 'cents' | 'text' | 'bool' }[];
  value(row: FactsRow): number;
  /** The value is this column's cents as they are (an index may take the column itself). */
  column?: string;
}

const centsOf = (column: string): PageInputRow => ({ reads: [{ column, as: 'cents' }], value: (r) => r.cents(column), column });
const PHASE = { column: 'phase', as: 'text' } as const;

/**
 * `inputRowAsDouble` of each page input written again over a decoded facts row, for the page's
 * index built without the engine. Held to the SQL above, NULLs and rounding included, by
 * test/unit/db/index-from-facts.test.ts.
 */
export const PAGE_INPUT_ROWS: Record<PageInputId, PageInputRow> = {
  total: centsOf('total_investment'),
  // CASE WHEN phase <> 'preparatory': a NULL phase gives NULL, as in SQL.
  annual: {
    reads: [PHASE, { column: 'annual_plan', as: 'cents' }],
    value: (r) => {
      const phase = r.text('phase');
      return phase !== null && phase !== 'preparatory' ? r.cents('annual_plan') : NaN;
    }
  },
  completed: centsOf('basis_completed'),
  plan: centsOf('basis_plan'),
  scheduled: centsOf('basis_scheduled'),
  unscheduled: centsOf('basis_unscheduled'),
  new: { reads: [PHASE], value: (r) => (r.text('phase') === 'new' ? 1 : 0) },
  new_started: {
    reads: [PHASE, { column: 'started', as: 'bool' }],
    value: (r) => (r.text('phase') === 'new' && r.bool('started') === true ? 1 : 0)
  }
};
