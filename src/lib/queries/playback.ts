/**
 * The playback's one query: which projects the workspace's filters select, by row_key, with their
 * ids (asked once per filter change, never per step). Every project of the month's facts is
 * tested, in the plan or not: the playback shows projects at other months, and the filter is the
 * predicate every view uses (ctx.filter), not one of its own.
 */
import { Query, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';

export function playbackSelectionQuery(ctx: Pick<QueryContext, 'facts' | 'filter'>): SelectQuery {
  const q = Query.from(ctx.facts).select('row_key', 'id');
  return ctx.filter ? q.where(ctx.filter) : q;
}
