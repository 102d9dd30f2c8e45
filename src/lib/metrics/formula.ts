/**
 * Metric formulas, written once over an algebra of inputs: evaluated as SQL (DuckDB builds the
 * aggregate, or the per-project value of the facts) or in JavaScript over summed inputs (the
 * page's answers, pre-aggregated summaries, composite scores). Both follow SQL's rules: NULL
 * propagates, a ratio with a zero or NULL denominator is NULL, integer arithmetic is exact
 * (BIGINT in SQL, BigInt here) and a ratio is the quotient of the two values as doubles.
 */
import { literal, sql } from '@uwdata/mosaic-sql';
import type { InputId } from './inputs.ts';
import type { Expr } from './sql.ts';

export interface FormulaOps<V> {
  /** An input's value (cents of 万元 or a count). */
  input(id: InputId): V;
  /** An integer constant. */
  num(n: number): V;
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  mul(a: V, b: V): V;
  /** a / b as a double; NULL when either is NULL or b is 0. */
  ratio(a: V, b: V): V;
  /** Cents as 万元 (a double, for display). */
  wan(cents: V): V;
  /** An integer count as a number. */
  int(v: V): V;
  /** 'green' when gap ≥ 0, 'amber' down to −amberPoints, else 'red'; NULL when plan is NULL or 0. */
  rag(gap: V, plan: V): V;
  /** The month's index in the plan year, 1…12 (序时进度 counts months elapsed). */
  readonly month: number;
}

export type Formula = <V>(o: FormulaOps<V>) => V;

/** The SQL algebra: `input` says how an input reads (an aggregate, or one facts row). */
export function sqlOps(input: (id: InputId) => Expr, month: number, amberPoints: number): FormulaOps<Expr> {
  return {
    input,
    num: (n) => literal(n),
    add: (a, b) => sql`(${a} + ${b})`,
    sub: (a, b) => sql`(${a} - ${b})`,
    mul: (a, b) => sql`(${a} * ${b})`,
    ratio: (a, b) => sql`(CAST(${a} AS DOUBLE) / NULLIF(CAST(${b} AS DOUBLE), 0))`,
    wan: (c) => sql`(CAST(${c} AS DOUBLE) / 100)`,
    int: (v) => sql`CAST(${v} AS INTEGER)`,
    rag: (gap, plan) =>
      sql`(CASE WHEN coalesce(${plan}, 0) = 0 THEN NULL WHEN ${gap} >= 0 THEN 'green' WHEN ${gap} >= ${literal(-amberPoints)} THEN 'amber' ELSE 'red' END)`,
    month
  };
}

/** A value in the JavaScript algebra. */
export type Value = bigint | number | string | null;

const integer = (v: Value): bigint => {
  if (typeof v !== 'bigint') throw new TypeError(`integer arithmetic on ${typeof v}`);
  return v;
};
const both = (a: Value, b: Value, f: (x: bigint, y: bigint) => bigint): Value =>
  a === null || b === null ? null : f(integer(a), integer(b));

/** The JavaScript algebra over summed inputs (BigInt, so products of cents stay exact). */
export function jsOps(input: (id: InputId) => bigint | null, month: number, amberPoints: number): FormulaOps<Value> {
  return {
    input,
    num: (n) => BigInt(n),
    add: (a, b) => both(a, b, (x, y) => x + y),
    sub: (a, b) => both(a, b, (x, y) => x - y),
    mul: (a, b) => both(a, b, (x, y) => x * y),
    ratio: (a, b) => (a === null || b === null || Number(b) === 0 ? null : Number(a) / Number(b)),
    wan: (c) => (c === null ? null : Number(c) / 100),
    int: (v) => (v === null ? null : Number(v)),
    rag: (gap, plan) => {
      if (plan === null || Number(plan) === 0) return null;
      // SQL compares NULL as unknown: neither WHEN holds, so the CASE gives 'red'.
      if (gap === null) return 'red';
      return Number(gap) >= 0 ? 'green' : Number(gap) >= -amberPoints ? 'amber' : 'red';
    },
    month
  };
}
