/**
 * Which pages may frame which: the one part of the Content-Security-Policy a <meta> tag cannot
 * carry, so a header. The app's pages may be framed only by the site itself; the embed's (/embed/)
 * by the origins listed in the site's config/embed.json (the same list its postMessage API
 * trusts), or by any site while that list is empty (a public map with no host to talk to).
 * Used by the preview server (scripts/serve-static.mjs); the nginx block writes the same by hand.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Exactly `scheme://host[:port]`, as the embed's config accepts them. */
const ORIGIN = /^https?:\/\/[^/\s"';]+$/;

/** The listed origins of a site's config/embed.json; none when it is missing or unreadable. */
export function allowedOrigins(siteDir) {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(siteDir, 'config', 'embed.json'), 'utf8'));
    const list = Array.isArray(config?.allowedOrigins) ? config.allowedOrigins : [];
    return list.filter((o) => typeof o === 'string' && ORIGIN.test(o));
  } catch {
    return [];
  }
}

/** Whether a path below the site's base is one of the embed's pages. */
export function isEmbedPath(pathBelowBase) {
  return pathBelowBase === '/embed' || pathBelowBase.startsWith('/embed/') || pathBelowBase.startsWith('/embed.');
}

/** The Content-Security-Policy header for a page: its frame-ancestors directive. */
export function frameAncestorsHeader(pathBelowBase, origins) {
  if (!isEmbedPath(pathBelowBase)) return "frame-ancestors 'self'";
  return origins.length ? `frame-ancestors 'self' ${origins.join(' ')}` : 'frame-ancestors *';
}
