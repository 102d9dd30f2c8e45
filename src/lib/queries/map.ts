/**
 * The map's one-off queries: where the open project is and how big, a hovered project's name, and
 * the bounds of the current selection (fit to selection).
 */
import { literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import type { QueryContext } from '../db/coordinator-client.ts';

/** The open project's position and the square roots its dot's size modes read. */
export function projectSpotQuery(facts: FactsSource, id: string): SelectQuery {
  return Query.from(facts)
    .select({
      lon: sql`CAST(lon AS DOUBLE)`,
      lat: sql`CAST(lat AS DOUBLE)`,
      sqrt_total: sql`sqrt(greatest(total_investment, 0))`,
      sqrt_annual: sql`sqrt(greatest(annual_plan, 0))`,
      sqrt_completed: sql`sqrt(greatest(coalesce(completed_ytd, 0), 0))`
    })
    .where(sql`id = ${literal(id)}`);
}

export interface ProjectSpot {
  /** NULL for a project without coordinates. */
  lon: number | null;
  lat: number | null;
  sqrt_total: number;
  sqrt_annual: number;
  sqrt_completed: number;
}

/** One project's name (the map's points carry ids only). */
export function projectNameQuery(facts: FactsSource, id: string): SelectQuery {
  return Query.from(facts)
    .select('name')
    .where(sql`id = ${literal(id)}`);
}

/** [w, s, e, n] of the projects the context selects (all NULL when none). */
export function selectionBoundsQuery(ctx: Pick<QueryContext, 'facts' | 'filter'>): SelectQuery {
  const q = Query.from(ctx.facts)
    .select({ w: sql`min(lon)`, s: sql`min(lat)`, e: sql`max(lon)`, n: sql`max(lat)` })
    .where(sql`in_plan`);
  return ctx.filter ? q.where(ctx.filter) : q;
}
