// ESLint (flat config): TypeScript and Svelte 5, with Prettier owning the layout.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'build/',
      'build-public/',
      'build-protected/',
      'build-protected.partial/',
      '.svelte-kit/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'static/data/',
      'test/bench/datasets/',
      'scripts/bench/kepler/dist/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Links are built with the app's base path by hand (static build, relative paths).
      'svelte/no-navigation-without-resolve': 'off',
      // URL, URLSearchParams and Map here are temporaries, or deliberately not reactive (the
      // workspace signals a change of its remembered page parameters with a counter).
      'svelte/prefer-svelte-reactivity': 'off'
    }
  },
  {
    // Every data file the app reads goes through the one data source (src/lib/db/data-source.ts),
    // where a public build or decryption plugs in.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: [
      'src/lib/db/data-source.ts',
      'src/lib/embed/embed-bridge.ts',
      'src/lib/db/parquet-decode.ts',
      'src/lib/map/basemaps.ts',
      'src/lib/map/basemap-load.ts',
      'src/lib/perf.ts'
    ],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Read data files through src/lib/db/data-source.ts.' }]
    }
  }
);
