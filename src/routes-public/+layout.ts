/**
 * The public build's root (npm run build:public): the same page options and early dataset load
 * as the app's root layout (src/routes/+layout.ts), for the embed's routes alone.
 */
import { browser } from '$app/environment';
import { base } from '$app/paths';
import { session } from '$lib/db/session.svelte.ts';

export const prerender = true;
export const ssr = false;
export const trailingSlash = 'always';

export function load(): void {
  if (browser) session.open(base, new URLSearchParams(location.search).get('ds'), new URLSearchParams(location.search).get('month'));
}
