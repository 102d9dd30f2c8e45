/** The query core's coordinator: mosaic's, superseding (coordinator-supersede.ts), with the core's cache and logger. */
import { SupersedingCoordinator } from './coordinator-supersede.ts';
import { CACHE_BYTES, CACHE_ENTRIES, QUIET_CONSOLE, type QueryCoreOptions } from './core-options.ts';
import { resultCache } from './result-cache.ts';
import { taskConnector } from './connector.ts';

export type { SupersedingCoordinator };

export function coreCoordinator(options: Pick<QueryCoreOptions, 'connector' | 'logger'>): SupersedingCoordinator {
  return new SupersedingCoordinator(taskConnector(options.connector), {
    logger: options.logger === undefined ? QUIET_CONSOLE : options.logger,
    // Clients query the month's facts (one row per project, materialised once per month);
    // pre-aggregated views would be rebuilt on every month change, and consolidation can
    // merge queries in ways that are hard to test. Plain cached queries are fast enough.
    consolidate: false,
    preagg: { enabled: false },
    // mosaic keeps 256 MB of results by default: at 1M projects that is ten sets of points
    // (npm run bench). Filter changes are answered in the page (db/local/) and need no cache.
    cache: resultCache({ maxBytes: CACHE_BYTES, maxEntries: CACHE_ENTRIES })
  });
}
