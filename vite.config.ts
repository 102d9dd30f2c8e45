import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { compileHints } from './scripts/vite-plugins/compile-hints.ts';
import { initialChunks } from './scripts/vite-plugins/initial-chunks.ts';
import { MOCKING_TESTS } from './test/unit/mocking-tests.ts';

export default defineConfig({
  plugins: [sveltekit(), compileHints(), initialChunks()],
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    globalSetup: ['test/unit/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest keeps a core free by default: one fork on a two-core machine, where most of a file's
    // time is DuckDB's start and the Parquet files it waits for, which another fork can overlap.
    maxWorkers: availableParallelism(),
    projects: [
      // A fork keeps its modules from one test file to the next: importing them again for each of
      // ~145 files was ~55 s of the unit tests' 197 s on two cores (128 s without).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: MOCKING_TESTS, isolate: false } },
      // vi.mock replaces a module in the registry, vi.stubGlobal a global: these files get fresh ones.
      { extends: true, test: { name: 'unit-mocks', include: MOCKING_TESTS } }
    ]
  }
});
