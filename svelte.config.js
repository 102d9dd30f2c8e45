import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Hosting under a sub-path: BASE_PATH=/command-map npm run build */
const base = (process.env.BASE_PATH ?? '').replace(/\/$/, '');
/**
 * The public build (npm run build:public, scripts/public-build/): only the embed's routes, the
 * public datasets staged by that script as the static files, and its own generated folder so the
 * internal build's is left as it was.
 */
const publicBuild = process.env.COMMAND_MAP_PUBLIC_BUILD === '1';
/** Output folder; the e2e tests build a sub-path copy elsewhere so `build/` stays servable at /. */
const out = process.env.BUILD_DIR ?? (publicBuild ? 'build-public' : 'build');

/**
 * The pages' Content-Security-Policy, written by SvelteKit into each prerendered page as a <meta>
 * tag with the hashes of that page's inline start-up script, so it holds on any static host. The
 * engines compile WebAssembly ('wasm-unsafe-eval'); Svelte and the map set style attributes.
 * frame-ancestors cannot be set by a <meta> tag: it is a header (scripts/hosting/, README).
 */
const csp = {
  mode: /** @type {const} */ ('hash'),
  directives: {
    'default-src': ['self'],
    'script-src': ['self', 'wasm-unsafe-eval'],
    'worker-src': ['self', 'blob:'],
    'style-src': ['self', 'unsafe-inline'],
    'img-src': ['self', 'data:', 'blob:'],
    'font-src': ['self', 'data:'],
    'connect-src': ['self', 'data:', 'blob:'],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['self']
  }
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: '404.html', strict: true }),
    paths: { base, relative: true },
    prerender: { entries: ['*'] },
    csp,
    ...(publicBuild
      ? { outDir: '.svelte-kit/public', files: { routes: 'src/routes-public', assets: process.env.COMMAND_MAP_PUBLIC_STATIC } }
      : {})
  }
};

export default config;
