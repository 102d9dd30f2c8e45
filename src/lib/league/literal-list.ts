import { literal, sql } from '@uwdata/mosaic-sql';
import type { Expr } from '../metrics/sql.ts';

/** Values as a comma-separated list of SQL literals, for IN (…). */
export function literalList(values: readonly (string | number)[]): Expr {
  return values.map((v): Expr => literal(v)).reduce((a, b) => sql`${a}, ${b}`);
}
