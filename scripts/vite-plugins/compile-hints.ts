/**
 * A Vite plugin: V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136+) at the
 * top of the chunks that only a district's or sector's page runs. Their code is fetched while the
 * map is idle (preload-pages.ts), but V8 compiles each function lazily on its first call: on a
 * district page's first visit that was ~470 compiles inside the click (a trace of
 * scripts/bench/profile-drill.ts; none on the second visit), which the hint moves to the
 * background thread that compiles the chunk as it streams in. Only those chunks: the map's own
 * would be compiled whole before its first paint, on the cores the month's decoding needs.
 * Other browsers ignore the comment.
 */
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** Route modules whose pages are opened from the map (the chunks only they need get the hint). */
const HINTED_ROUTES = [/\/src\/routes\/\(app\)\/district\/\+page\.svelte$/, /\/src\/routes\/\(app\)\/sector\/\+page\.svelte$/];
/** Route modules of the page the app opens at and its layouts (the chunks they need stay lazy). */
const FIRST_ROUTES = [
  /\/src\/routes\/\(app\)\/\+page\.svelte$/,
  /\/src\/routes\/\(app\)\/\+layout\.svelte$/,
  /\/src\/routes\/\+layout\.svelte$/
];

export interface ChunkNode {
  fileName: string;
  moduleIds: readonly string[];
  imports: readonly string[];
}

/** SvelteKit's start and app entries (every route's node is an entry too, so `isEntry` says nothing here). */
const isAppEntry = (c: ChunkNode) => /(^|\/)entry\//.test(c.fileName);

/** The chunks every page in `routes` loads: those holding their modules and what they import statically. */
function closure(chunks: readonly ChunkNode[], roots: (c: ChunkNode) => boolean): Set<string> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const next of byName.get(name)?.imports ?? []) visit(next);
  };
  for (const c of chunks) if (roots(c)) visit(c.fileName);
  return seen;
}

/** The chunks to hint: loaded by a drill page and not by the first page (the entry, its layouts, the map). */
export function hintedChunks(chunks: readonly ChunkNode[]): Set<string> {
  const holds = (patterns: RegExp[]) => (c: ChunkNode) => c.moduleIds.some((id) => patterns.some((p) => p.test(id.replaceAll('\\', '/'))));
  const drill = closure(chunks, holds(HINTED_ROUTES));
  if (drill.size === 0) return drill;
  const first = closure(chunks, (c) => isAppEntry(c) || holds(FIRST_ROUTES)(c));
  return new Set([...drill].filter((name) => !first.has(name)));
}

export function compileHints(): Plugin {
  return {
    name: 'command-map:compile-hints',
    apply: 'build',
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      for (const name of hintedChunks(chunks)) {
        const chunk = bundle[name];
        // Once: the hook can run again over the same bundle (a watch rebuild).
        if (chunk?.type !== 'chunk' || chunk.code.startsWith(COMPILE_HINT)) continue;
        chunk.code = COMPILE_HINT + chunk.code;
        // The code moved down a line: so do its mappings (one ';' is one generated line).
        if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
      }
    }
  };
}
