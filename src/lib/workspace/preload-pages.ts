/**
 * The code of the pages a click on the map leads to (a district's or sector's page, the
 * comparison, the overview), fetched once the first page has its data and the browser is idle:
 * the first click then waits for that page's data only, not for its code too (npm run bench,
 * district page: most of a first visit's time on two cores was the route's code). Code only:
 * no data is loaded ahead here (what a first click into a district's page waits for: pages.ts
 * `warmPages`), and the heavier pages (console, bulletin, exports) stay lazy.
 */
import { whenBrowserIdle, type Idle } from './browser-idle.ts';
import { PAGES } from './pages.ts';

export const PRELOADED_PAGES: readonly string[] = ['/district/', '/sector/', '/compare/', '/overview/'];

/**
 * Preloads the pages' code one after the other (each a few chunks; one at a time keeps the
 * network and the main thread free for the page in use). Returns a function that stops it.
 */
export function preloadPages(
  base: string,
  preload: (path: string) => Promise<void>,
  { idle = whenBrowserIdle, done }: { idle?: Idle; done?: () => void } = {}
): () => void {
  let stopped = false;
  const paths = PRELOADED_PAGES.filter((p) => PAGES.some((page) => page.path === p)).map((p) => `${base}${p}`);
  const cancel = idle(async () => {
    for (const path of paths) {
      if (stopped) return;
      // A page whose code cannot be fetched now is fetched when it is visited, as before.
      await preload(path).catch(() => undefined);
    }
    if (!stopped) done?.();
  });
  return () => {
    stopped = true;
    cancel();
  };
}
