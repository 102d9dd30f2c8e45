import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCKING_TESTS } from './mocking-tests.ts';

/** Every unit test file under test/unit, relative to the repository. */
function testFiles(dir = 'test/unit'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the unit test projects', () => {
  it('run every file that mocks a module or stubs a global with modules of its own (the others share a fork’s)', () => {
    // Spelled apart so that this file does not list itself.
    const mocks = new RegExp(['vi', '\\.(mock|doMock|unmock|stubGlobal|stubEnv)\\('].join(''));
    const mocking = testFiles().filter((f) => mocks.test(readFileSync(f, 'utf8')));
    expect(mocking.length).toBeGreaterThan(0);
    expect([...MOCKING_TESTS].sort()).toEqual(mocking.sort());
  });
});
