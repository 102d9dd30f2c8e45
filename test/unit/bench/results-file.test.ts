import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsFile } from '../../../scripts/bench/run.ts';

describe('where npm run bench writes its results', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cm-bench-out-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to test/bench/results/<label>.json', () => {
    expect(resultsFile({ out: null, label: 'x' })).toBe(path.join('test/bench/results', 'x.json'));
  });
  it('takes --out as the file', () => {
    expect(resultsFile({ out: path.join(dir, 'run.json'), label: 'x' })).toBe(path.join(dir, 'run.json'));
  });
  it('puts <label>.json into an --out that is a folder, existing or written with a slash', () => {
    expect(resultsFile({ out: dir, label: 'x' })).toBe(path.join(dir, 'x.json'));
    expect(resultsFile({ out: path.join(dir, 'new') + '/', label: 'y' })).toBe(path.join(dir, 'new', 'y.json'));
  });
});
