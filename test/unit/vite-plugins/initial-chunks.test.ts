import { describe, expect, it } from 'vitest';
import {
  initialChunks,
  initialGroups,
  joinSmallGroups,
  routePages,
  type InitialGroup,
  type ModuleGraph
} from '../../../scripts/vite-plugins/initial-chunks.ts';

const ROOT = '/app';
const abs = (f: string) => `${ROOT}/${f}`;
const KIT_START = 'node_modules/@sveltejs/kit/src/runtime/client/entry.js';
const KIT_APP = '.svelte-kit/generated/client-optimized/app.js';

/** Static imports of a small app shaped like this one (dynamic imports are not in `importedIds`). */
const IMPORTS: Record<string, string[]> = {
  [KIT_START]: ['node_modules/svelte/internal.js'],
  [KIT_APP]: ['node_modules/svelte/internal.js'],
  'node_modules/svelte/internal.js': [],
  'src/routes/+layout.svelte': ['node_modules/svelte/internal.js', 'src/lib/i18n.ts'],
  'src/lib/i18n.ts': [],
  'src/routes/(app)/+layout.svelte': ['src/lib/workspace.ts'],
  'src/lib/workspace.ts': ['src/lib/query-core.ts'],
  'src/lib/query-core.ts': [],
  'src/routes/(app)/+page.svelte': ['src/lib/MapView.svelte', 'src/lib/KpiStrip.svelte'],
  'src/lib/MapView.svelte': ['node_modules/maplibre-gl/index.js', 'src/lib/i18n.ts'],
  'node_modules/maplibre-gl/index.js': [],
  'src/lib/KpiStrip.svelte': ['src/lib/format.ts'],
  'src/lib/format.ts': [],
  'src/routes/(app)/data/+page.svelte': ['src/lib/Table.svelte', 'src/lib/format.ts'],
  'src/lib/Table.svelte': [],
  'src/routes/(embed)/+layout.svelte': [],
  'src/routes/(embed)/embed/+page.svelte': ['src/lib/MapView.svelte']
};
const graph: ModuleGraph = {
  getModuleInfo: (id) => {
    const own = Object.keys(IMPORTS).find((f) => abs(f) === id);
    return own ? { importedIds: IMPORTS[own].map(abs) } : null;
  }
};
const PAGES = [
  { page: 'src/routes/(app)/+page.svelte', layouts: ['src/routes/+layout.svelte', 'src/routes/(app)/+layout.svelte'] },
  { page: 'src/routes/(app)/data/+page.svelte', layouts: ['src/routes/+layout.svelte', 'src/routes/(app)/+layout.svelte'] },
  { page: 'src/routes/(embed)/embed/+page.svelte', layouts: ['src/routes/+layout.svelte', 'src/routes/(embed)/+layout.svelte'] }
];

describe('the map page’s first chunks', () => {
  // No group is small here: joining them is tested below.
  const groups = initialGroups(graph, ROOT, PAGES, 0);
  const group = (f: string) => groups.get(abs(f))?.name;

  it('groups the map page’s modules by the pages that load them', () => {
    expect(group('node_modules/svelte/internal.js')).toBe('pages-all');
    expect(group('src/lib/i18n.ts')).toBe('pages-all');
    expect(group('src/lib/workspace.ts')).toBe('pages-0-1');
    expect(group('src/lib/query-core.ts')).toBe('pages-0-1');
    expect(group('node_modules/maplibre-gl/index.js')).toBe('pages-0-2');
    expect(group('src/lib/MapView.svelte')).toBe('pages-0-2');
    expect(group('src/lib/KpiStrip.svelte')).toBe('pages-0');
    expect(group('src/lib/format.ts')).toBe('pages-0-1');
  });

  it('leaves what the map page does not load to the automatic split', () => {
    expect(groups.has(abs('src/lib/Table.svelte'))).toBe(false);
    expect(groups.has(abs('src/routes/(app)/data/+page.svelte'))).toBe(false);
  });

  it('never puts a module another page needs with one it does not: the data page loads no MapLibre', () => {
    const dataPageGroups = new Set(['src/lib/workspace.ts', 'src/lib/format.ts', 'src/lib/i18n.ts'].map(group));
    expect(dataPageGroups.has(group('node_modules/maplibre-gl/index.js'))).toBe(false);
  });

  it('keeps each module’s imports in groups of at least as many pages (no chunk imports one that imports it back)', () => {
    for (const [id, { pages }] of groups)
      for (const dep of graph.getModuleInfo(id)!.importedIds) expect(groups.get(dep)!.pages).toBeGreaterThanOrEqual(pages);
  });

  it('asks rolldown for the groups of more pages first, each naming only its own', () => {
    const plugin = initialChunks(process.cwd());
    const hook = plugin.outputOptions as (o: object) => {
      codeSplitting: { groups: { name: (id: string, ctx: ModuleGraph) => string | null; priority: number }[] };
    };
    const { groups: asked } = hook.call({}, {}).codeSplitting;
    const pages = routePages(process.cwd());
    expect(asked.map((g) => g.priority)).toEqual(pages.map((_, i) => pages.length - i));
    // This project's pages: the map page and its layouts are among them.
    expect(pages.find((p) => p.page === 'src/routes/(app)/+page.svelte')?.layouts.sort()).toEqual([
      'src/routes/(app)/+layout.svelte',
      'src/routes/+layout.svelte',
      'src/routes/+layout.ts'
    ]);
    expect(pages.find((p) => p.page === 'src/routes/(embed)/embed/+page.svelte')?.layouts).not.toContain('src/routes/(app)/+layout.svelte');
  });
});

describe('small groups join the chunk every page loads', () => {
  /** The app above with each module's code this many bytes long (1 kB unless given). */
  const sized = (bytes: Record<string, number>): ModuleGraph => ({
    getModuleInfo: (id) => {
      const info = graph.getModuleInfo(id);
      const own = Object.keys(IMPORTS).find((f) => abs(f) === id)!;
      return info && { ...info, code: 'x'.repeat(bytes[own] ?? 1000) };
    }
  });
  const MAPLIBRE = 'node_modules/maplibre-gl/index.js';
  const nameOf = (groups: Map<string, InitialGroup>, f: string) => groups.get(abs(f))?.name;

  it('joins each group under the size with everything it imports, and leaves the larger ones', () => {
    // pages-0-1: the app's layout, workspace, query-core and format (1 + 1 + 60 + 1 kB).
    const groups = initialGroups(sized({ [MAPLIBRE]: 900_000, 'src/lib/query-core.ts': 60_000 }), ROOT, PAGES, 48 * 1024);
    expect(nameOf(groups, 'src/lib/query-core.ts')).toBe('pages-0-1');
    expect(nameOf(groups, 'src/lib/format.ts')).toBe('pages-0-1');
    expect(nameOf(groups, MAPLIBRE)).toBe('pages-0-2');
    expect(nameOf(groups, 'src/lib/i18n.ts')).toBe('pages-all');
    const smaller = initialGroups(sized({ [MAPLIBRE]: 900_000, 'src/lib/query-core.ts': 40_000 }), ROOT, PAGES, 48 * 1024);
    for (const f of ['src/routes/(app)/+layout.svelte', 'src/lib/workspace.ts', 'src/lib/query-core.ts', 'src/lib/format.ts'])
      expect(smaller.get(abs(f))).toEqual({ name: 'pages-all', pages: PAGES.length });
  });

  it('never joins a group that imports one that stays: the data page still loads no MapLibre', () => {
    const groups = initialGroups(sized({ [MAPLIBRE]: 900_000 }), ROOT, PAGES, 48 * 1024);
    // MapView is in MapLibre's group; the map page's own group (pages-0, 2 kB) imports it and stays out too.
    expect(nameOf(groups, MAPLIBRE)).toBe('pages-0-2');
    expect(nameOf(groups, 'src/lib/MapView.svelte')).toBe('pages-0-2');
    expect(nameOf(groups, 'src/routes/(app)/+page.svelte')).toBe('pages-0');
    expect(nameOf(groups, 'src/lib/KpiStrip.svelte')).toBe('pages-0');
    expect(nameOf(groups, 'src/lib/workspace.ts')).toBe('pages-all');
    for (const [id, g] of groups)
      if (g.name === 'pages-all') for (const dep of graph.getModuleInfo(id)!.importedIds) expect(groups.get(dep)!.name).toBe('pages-all');
  });

  it('counts a group’s size over all its modules, below the size only', () => {
    const graph2 = sized({ 'src/lib/workspace.ts': 30_000, 'src/lib/query-core.ts': 20_000, [MAPLIBRE]: 900_000 });
    const pages = initialGroups(graph2, ROOT, PAGES, 0);
    // pages-0-1: the app's layout, workspace, query-core and format, 1 + 30 + 20 + 1 kB = 52,000 bytes.
    expect(nameOf(joinSmallGroups(graph2, pages, PAGES.length, 52_000), 'src/lib/workspace.ts')).toBe('pages-0-1');
    expect(nameOf(joinSmallGroups(graph2, pages, PAGES.length, 52_001), 'src/lib/workspace.ts')).toBe('pages-all');
  });
});
