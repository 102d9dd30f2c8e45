import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHints, hintedChunks, type ChunkNode } from '../../../scripts/vite-plugins/compile-hints.ts';

const route = (path: string) => `/app/src/routes/${path}`;
/** A bundle like SvelteKit's: entries, a node per route (each an entry), shared chunks. */
const chunks: ChunkNode[] = [
  {
    fileName: '_app/immutable/entry/start.js',
    moduleIds: ['/app/.svelte-kit/generated/client-optimized/start.js'],
    imports: ['runtime.js']
  },
  { fileName: '_app/immutable/entry/app.js', moduleIds: ['/app/.svelte-kit/generated/client-optimized/app.js'], imports: ['runtime.js'] },
  { fileName: 'runtime.js', moduleIds: ['/app/node_modules/svelte/internal.js'], imports: [] },
  { fileName: 'nodes/0.js', moduleIds: [route('+layout.svelte')], imports: ['runtime.js', 'layout-part.js'] },
  { fileName: 'layout-part.js', moduleIds: ['/app/src/lib/shell/Nav.svelte'], imports: [] },
  { fileName: 'nodes/2.js', moduleIds: [route('(app)/+layout.svelte')], imports: ['runtime.js'] },
  { fileName: 'nodes/4.js', moduleIds: [route('(app)/+page.svelte')], imports: ['map.js', 'shared.js'] },
  { fileName: 'map.js', moduleIds: ['/app/src/lib/map/ProjectMap.svelte'], imports: ['shared.js'] },
  { fileName: 'shared.js', moduleIds: ['/app/src/lib/views/KpiStrip.svelte'], imports: [] },
  { fileName: 'nodes/8.js', moduleIds: [route('(app)/district/+page.svelte')], imports: ['drill.js', 'map.js'] },
  { fileName: 'drill.js', moduleIds: ['/app/src/lib/views/drilldown/DrillPage.svelte'], imports: ['drill-lists.js', 'shared.js'] },
  { fileName: 'drill-lists.js', moduleIds: ['/app/src/lib/views/drilldown/ProjectRanking.svelte'], imports: [] },
  { fileName: 'nodes/13.js', moduleIds: [route('(app)/sector/+page.svelte')], imports: ['drill.js'] },
  { fileName: 'nodes/9.js', moduleIds: [route('(app)/league/+page.svelte')], imports: ['league.js', 'shared.js'] },
  { fileName: 'league.js', moduleIds: ['/app/src/lib/league/League.svelte'], imports: [] }
];

describe('compile hints', () => {
  it('hints the chunks only the district and sector pages load, not the map page’s, its layouts’ or another page’s', () => {
    expect([...hintedChunks(chunks)].sort()).toEqual(['drill-lists.js', 'drill.js', 'nodes/13.js', 'nodes/8.js']);
  });

  it('hints nothing in a bundle without the drill pages (the server build, an embed-only bundle)', () => {
    expect(hintedChunks(chunks.filter((c) => !c.moduleIds.some((id) => /district|sector/.test(id))))).toEqual(new Set());
  });

  it('puts the hint on the first line once, and moves the source map down a line', () => {
    const plugin = compileHints();
    const bundle = Object.fromEntries(
      chunks.map((c) => [
        c.fileName,
        { ...c, type: 'chunk' as const, code: `import "x";\n// ${c.fileName}`, map: { mappings: 'AAAA;AACA' } }
      ])
    );
    const generate = plugin.generateBundle as (options: unknown, bundle: unknown) => void;
    generate.call({}, {}, bundle);
    generate.call({}, {}, bundle);
    expect(bundle['drill.js'].code).toBe(`${COMPILE_HINT}import "x";\n// drill.js`);
    expect(bundle['drill.js'].map.mappings).toBe(';AAAA;AACA');
    expect(bundle['map.js'].code.startsWith(COMPILE_HINT)).toBe(false);
    expect(bundle['map.js'].map.mappings).toBe('AAAA;AACA');
  });
});
