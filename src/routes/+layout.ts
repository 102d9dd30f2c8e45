import { browser } from '$app/environment';
import { base } from '$app/paths';
import { session } from '$lib/db/session.svelte.ts';

export const prerender = true;
export const ssr = false;
export const trailingSlash = 'always';

/**
 * Starts loading the dataset as soon as this small module has run: the page's own chunk (MapLibre
 * and deck.gl, ~2 MB) is still being parsed then (npm run bench). The app layout asks again with
 * the same dataset, which the session ignores.
 */
export function load(): void {
  if (browser) session.open(base, new URLSearchParams(location.search).get('ds'), new URLSearchParams(location.search).get('month'));
}
