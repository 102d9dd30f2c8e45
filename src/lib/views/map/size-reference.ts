/**
 * The month's size reference (the percentiles dots are sized against) when the page does not hold
 * the month's whole points base (then baseSizeReference gives it: MapView), asked of the database
 * once per query core and month: a map made again (a district's page after the map's) finds it, instead
 * of a query over every project that, at 1M projects, held the district page's own queries back
 * by a second (npm run bench).
 */
import { sizeReferenceQuery } from '$lib/map/project-points.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';

type Reference = Record<string, number | null>;
const asked = new WeakMap<object, Map<string, Promise<Reference | undefined>>>();

export function sizeReference(ws: Workspace, month: string): Promise<Reference | undefined> {
  const byMonth = asked.get(ws.core) ?? new Map<string, Promise<Reference | undefined>>();
  asked.set(ws.core, byMonth);
  const known = byMonth.get(month);
  if (known) return known;
  const row = ws.core.query(sizeReferenceQuery(ws.core.context().facts)).then(
    (t) => (t.toArray() as Reference[])[0],
    () => undefined
  );
  // A failed query is asked again by the next map.
  byMonth.set(
    month,
    row.then((r) => {
      if (!r) byMonth.delete(month);
      return r;
    })
  );
  return byMonth.get(month)!;
}
