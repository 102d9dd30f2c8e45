/**
 * The share / embed dialog's texts: the embed's address for the view shown, and the `<iframe>`
 * snippet that puts it on another site. Pure, so the dialog and the tests make the same ones.
 */
import { SHARED_PARAMS } from '../state/url-state.ts';

/** The map page's own parameters an embed understands: how the map looks, never what it opens (card, table). */
const EMBED_OWN_PARAMS = ['color', 'size', 'choropleth', 'basemap', 'map'];

/** The embed route, relative to the app's base. */
export const EMBED_PATH = '/embed/';

/** The embed's query string for a map page's query string: the shared state and the map's looks. */
export function embedParams(mapParams: URLSearchParams): URLSearchParams {
  const keep = new Set([...SHARED_PARAMS, ...EMBED_OWN_PARAMS]);
  const out = new URLSearchParams();
  for (const [key, value] of mapParams) if (keep.has(key)) out.append(key, value);
  return out;
}

/** The embed's absolute address: `appRoot` is the app's absolute base URL (origin and base path). */
export function embedUrl(appRoot: string, mapParams: URLSearchParams): string {
  const query = embedParams(mapParams).toString();
  return `${appRoot.replace(/\/$/, '')}${EMBED_PATH}${query ? `?${query}` : ''}`;
}

const attribute = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The `<iframe>` to paste into a page: full width, a fixed height the postMessage API can change. */
export function iframeSnippet(src: string, title: string, height = 480): string {
  return `<iframe src="${attribute(src)}" title="${attribute(title)}" width="100%" height="${height}" style="border:0" loading="lazy" allow="fullscreen"></iframe>`;
}
