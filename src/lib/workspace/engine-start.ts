/**
 * When the engine (duckdb-wasm, db/engine-on-demand.ts) starts while nothing shown needs SQL: the
 * map and the overview are answered in the page (issue 23), and at 1k projects the engine takes the
 * renderer from ~280 MB to ~480 MB. One decision, read by the app shell and by warmPages (pages.ts):
 *
 *   'idle'     the engine is started once the page shown has its data and the browser is idle, so
 *              that a project card, the table's sort or an export finds it in; and warmPages, once
 *              the user has rested, starts it itself before it warms a district's page;
 *   'on-need'  only something that needs SQL starts it (a view the page cannot answer, a table a
 *              view reads, a card's rows, an export); warmPages makes what it can in the
 *              page and waits for that only for a part the page cannot make (no page rows at 1M).
 *
 * The embed has no app shell and never warms pages: it starts the engine only on need, whichever.
 */
import type { EngineOnDemand } from '../db/engine-on-demand.ts';
import { whenBrowserIdle, type Idle } from './browser-idle.ts';

export type EngineStart = 'idle' | 'on-need';

/**
 * 'on-need': the reading (a view that needs SQL says so while it waits), and at 1k projects
 * it keeps the map's renderer at ~300 MB and a district's page at ~365 MB (≤ 400 MB), against
 * ~440 / 517 MB under 'idle'. `?engine=idle` in the page's URL overrides it (e2e tests, benchmarks:
 * scripts/bench/README.md).
 */
export const ENGINE_START: EngineStart =
  typeof location !== 'undefined' && new URLSearchParams(location.search).get('engine') === 'idle' ? 'idle' : 'on-need';

/** Under 'idle', starts the engine the next time the browser is idle; returns a function that cancels that. */
export function startEngineWhenIdle(
  db: Pick<EngineOnDemand, 'demand' | 'demanded'>,
  idle: Idle = whenBrowserIdle,
  policy: EngineStart = ENGINE_START
): () => void {
  if (policy !== 'idle' || db.demanded) return () => undefined;
  return idle(() => void db.demand().catch(() => undefined));
}
