/**
 * A Vite plugin: the code the map page loads first in a few chunks instead of ~60. Rolldown's
 * automatic splitting gives every set of entries that shares a module its own chunk, and every
 * dynamic import (the exports, the SQL console, DuckDB's loader, …) is an entry too: the map page
 * loaded ~60 scripts on first visit. Over HTTP/1.1 (an intranet without HTTPS) the browser fetches
 * six at a time: a traced load at 1k projects had them queued until ~0.55 s of a 1.3 s load
 * (scripts/bench/profile-load.ts), bytes that one connection sends in a tenth of that.
 *
 * Here the map page's modules are grouped by the pages (routes) that load them statically: one
 * chunk for the modules every page loads, one for those of the map page and the embed (the map
 * itself), and so on; a group of little code joins the first (SMALL_GROUP_BYTES). A page therefore
 * loads no large module that none of its own imports needs (the data page still loads no
 * MapLibre), and what is imported dynamically stays lazy. A group is a closure over static imports
 * (a module's imports reach every page that reaches it), so no chunk imports a chunk that imports
 * it back.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export interface ModuleGraph {
  /** `code`: the module's code after the plugins' transforms (its size decides whether a group is small). */
  getModuleInfo(id: string): { importedIds: readonly string[]; code?: string | null } | null;
}

/**
 * A group of the map page's modules with less code than this (after the plugins' transforms, before
 * minifying) joins the chunk every page loads. Grouped by pages alone the map page loaded 30
 * scripts (24 of them under 10 kB) and 12 stylesheets, six at a time over HTTP/1.1; with them
 * joined, 16 scripts and 6 stylesheets, and a page that does not run that code loads ~5 kB more
 * (the data page 755 → 760 kB before compression).
 */
export const SMALL_GROUP_BYTES = 48 * 1024;

/** SvelteKit's client entries: its runtime's start and the generated app. */
const ENTRIES = ['node_modules/@sveltejs/kit/src/runtime/client/entry.js', '.svelte-kit/generated/client-optimized/app.js'];
const MAP_PAGE = 'src/routes/(app)/+page.svelte';

/** Every module the given ones import statically, themselves included. */
export function staticClosure(graph: ModuleGraph, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = roots.filter((id) => graph.getModuleInfo(id));
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.getModuleInfo(id)?.importedIds ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

/** Each page's route module with the layouts above it, relative to the project's root. */
export function routePages(root: string): { page: string; layouts: string[] }[] {
  const routes = path.join(root, 'src/routes');
  const files = (readdirSync(routes, { recursive: true }) as string[]).map((f) => path.join('src/routes', f).replaceAll('\\', '/'));
  return files
    .filter((f) => f.endsWith('/+page.svelte'))
    .map((page) => ({
      page,
      layouts: files.filter((f) => /\/\+layout\.(svelte|ts|js)$/.test(f) && page.startsWith(path.posix.dirname(f) + '/'))
    }));
}

/** A module's group: its name (the pages that load it) and how many pages that is. */
export interface InitialGroup {
  name: string;
  pages: number;
}

/**
 * Each module the map page loads first, and its group: the pages that load it statically (their
 * route modules' positions in `pages`, joined), e.g. every page's modules in one group; groups of
 * less code than `smallBytes` joined to that one (joinSmallGroups).
 */
export function initialGroups(
  graph: ModuleGraph,
  root: string,
  pages = routePages(root),
  smallBytes = SMALL_GROUP_BYTES
): Map<string, InitialGroup> {
  const abs = (files: string[]) => files.map((f) => path.resolve(root, f));
  const closures = pages.map(({ page, layouts }) => staticClosure(graph, abs([...ENTRIES, ...layouts, page])));
  const map = closures[pages.findIndex((p) => p.page === MAP_PAGE)];
  const groups = new Map<string, InitialGroup>();
  if (!map) return groups;
  for (const id of map) {
    const loadedBy = closures.flatMap((c, i) => (c.has(id) ? [i] : []));
    groups.set(id, { name: loadedBy.length === pages.length ? 'pages-all' : `pages-${loadedBy.join('-')}`, pages: loadedBy.length });
  }
  return joinSmallGroups(graph, groups, pages.length, smallBytes);
}

/**
 * Moves the small groups into the one every page loads, each only with everything it imports:
 * a group importing one that stays (MapLibre's) stays too, or every page would load that one.
 */
export function joinSmallGroups(
  graph: ModuleGraph,
  groups: Map<string, InitialGroup>,
  pageCount: number,
  smallBytes: number
): Map<string, InitialGroup> {
  const bytes = new Map<string, number>();
  for (const [id, g] of groups) bytes.set(g.name, (bytes.get(g.name) ?? 0) + (graph.getModuleInfo(id)?.code?.length ?? 0));
  const joining = new Set([...bytes].filter(([name, n]) => name !== 'pages-all' && n < smallBytes).map(([name]) => name));
  const joins = (id: string) => {
    const g = groups.get(id);
    return !g || g.name === 'pages-all' || joining.has(g.name);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, g] of groups) {
      if (!joining.has(g.name) || graph.getModuleInfo(id)?.importedIds.every(joins) !== false) continue;
      joining.delete(g.name);
      changed = true;
    }
  }
  const all: InitialGroup = { name: 'pages-all', pages: pageCount };
  return new Map([...groups].map(([id, g]) => [id, joining.has(g.name) ? all : g]));
}

export function initialChunks(root = process.cwd()): Plugin {
  let groups: Map<string, InitialGroup> | null = null;
  return {
    name: 'command-map:initial-chunks',
    apply: 'build',
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    renderStart() {
      groups = null;
    },
    outputOptions(options) {
      // A group takes what its modules import that no group before it took, so the groups of
      // more pages go first: a module's imports are loaded by every page that loads it (and more).
      const pages = routePages(root);
      const group = (id: string, ctx: ModuleGraph) => (groups ??= initialGroups(ctx, root, pages)).get(id);
      return {
        ...options,
        codeSplitting: {
          groups: pages.map((_, i) => ({
            name: (id: string, ctx: ModuleGraph) => {
              const g = group(id, ctx);
              return g?.pages === pages.length - i ? g.name : null;
            },
            priority: pages.length - i
          }))
        }
      };
    }
  };
}
