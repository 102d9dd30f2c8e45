import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Hosting under a sub-path: BASE_PATH=/command-map npm run build */
const base = (process.env.BASE_PATH ?? '').replace(/\/$/, '');
/** Output folder; the e2e tests build a sub-path copy elsewhere so `build/` stays servable at /. */
const out = process.env.BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: out, assets: out, fallback: '404.html', strict: true }),
    paths: { base, relative: true },
    prerender: { entries: ['*'] }
  }
};

export default config;
