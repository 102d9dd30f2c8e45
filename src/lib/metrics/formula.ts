/**
 * Metric formulas, written once over an algebra of inputs: evaluated as SQL (DuckDB builds the
 * aggregate, or the per-project value of the facts) or in JavaScript over summed inputs (the
 * page's answers, pre-aggregated summaries, composite scores). Both follow SQL's rules: NULL
 * propagates, a ratio with a zero or NULL denominator is NULL, integer arithmetic is exact
 * (BIGINT in SQL, BigInt here) and a ratio is the quotient of the two values as doubles.
 */
import { literal, sql } from '@uwdata/mosaic-sql';
import type { RagRule } from '../rules/preset-schema.ts';
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
  /**
   * The preset's RAG (rules/preset-schema.ts `RagRule`) from the gap in points or from completion
   * as a share of 序时进度 (`ofElapsed`, NULL when nothing is due yet: green); NULL when plan is NULL or 0.
   */
  rag(gap: V, plan: V, ofElapsed: V): V;
  /** The month's index in the plan year, 1…12 (序时进度 counts months elapsed). */
  readonly month: number;
}

export type Formula = <V>(o: FormulaOps<V>) => V;

/** The SQL algebra: `input` says how an input reads (an aggregate, or one facts row). */
export function sqlOps(input: (id: InputId) => Expr, month: number, rag: RagRule): FormulaOps<Expr> {
  return {
    input,
    num: (n) => literal(n),
    add: (a, b) => sql`(${a} + ${b})`,
    sub: (a, b) => sql`(${a} - ${b})`,
    mul: (a, b) => sql`(${a} * ${b})`,
    ratio: (a, b) => sql`(CAST(${a} AS DOUBLE) / NULLIF(CAST(${b} AS DOUBLE), 0))`,
    wan: (c) => sql`(CAST(${c} AS DOUBLE) / 100)`,
    int: (v) => sql`CAST(${v} AS INTEGER)`,
    rag: (gap, plan, ofElapsed) =>
      rag.basis === 'points_behind'
        ? sql`(CASE WHEN coalesce(${plan}, 0) = 0 THEN NULL WHEN ${gap} >= ${literal(-rag.green_max_points_behind)} THEN 'green' WHEN ${gap} >= ${literal(-rag.amber_max_points_behind)} THEN 'amber' ELSE 'red' END)`
        : sql`(CASE WHEN coalesce(${plan}, 0) = 0 THEN NULL WHEN ${ofElapsed} IS NULL OR ${ofElapsed} >= ${literal(rag.green_min_share)} THEN 'green' WHEN ${ofElapsed} >= ${literal(rag.amber_min_share)} THEN 'amber' ELSE 'red' END)`,
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
export function jsOps(input: (id: InputId) => bigint | null, month: number, rag: RagRule): FormulaOps<Value> {
  return {
    input,
    num: (n) => BigInt(n),
    add: (a, b) => both(a, b, (x, y) => x + y),
    sub: (a, b) => both(a, b, (x, y) => x - y),
    mul: (a, b) => both(a, b, (x, y) => x * y),
    ratio: (a, b) => (a === null || b === null || Number(b) === 0 ? null : Number(a) / Number(b)),
    wan: (c) => (c === null ? null : Number(c) / 100),
    int: (v) => (v === null ? null : Number(v)),
    rag: (gap, plan, ofElapsed) => {
      if (plan === null || Number(plan) === 0) return null;
      if (rag.basis === 'share_of_elapsed') {
        if (ofElapsed === null) return 'green';
        const share = Number(ofElapsed);
        return share >= rag.green_min_share ? 'green' : share >= rag.amber_min_share ? 'amber' : 'red';
      }
      // SQL compares NULL as unknown: neither WHEN holds, so the CASE gives 'red'.
      if (gap === null) return 'red';
      const points = Number(gap);
      return points >= -rag.green_max_points_behind ? 'green' : points >= -rag.amber_max_points_behind ? 'amber' : 'red';
    },
    month
  };
}
