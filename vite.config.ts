import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { compileHints } from './scripts/vite-plugins/compile-hints.ts';
import { initialChunks } from './scripts/vite-plugins/initial-chunks.ts';

export default defineConfig({
  plugins: [sveltekit(), compileHints(), initialChunks()],
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['test/unit/**/*.test.ts'],
    globalSetup: ['test/unit/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest keeps a core free by default: one fork on a two-core machine, where most of a file's
    // time is DuckDB's start and the Parquet files it waits for, which another fork can overlap.
    maxWorkers: availableParallelism()
  }
});
