/**
 * The unit test files that mock a module or stub a global (vi.mock, vi.stubGlobal): vite.config.ts
 * runs them with modules and globals of their own, the others share a fork's.
 * test/unit/vitest-projects.test.ts keeps the list whole.
 */
export const MOCKING_TESTS = [
  'test/unit/data/facts-files.test.ts',
  'test/unit/db/load-dataset.test.ts',
  'test/unit/map/basemaps.test.ts',
  'test/unit/protect/data-source.test.ts'
];
