/**
 * Keeps the bench's kepler.gl side by side honest (scripts/bench/kepler.ts): its page, served by
 * the plain static server beside a dataset as the bench serves it, draws every point of the
 * dataset's points.arrow, and each timed filter change keeps exactly the rows whose size is in
 * its range (counted here from the same file). Asserts no timing. kepler.gl is installed and
 * built by the bench on first use (~0.8 GB), never by `npm install`: where it has not been, the
 * test is skipped with that reason.
 */
import { expect, test } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addKeplerPage, KEPLER_DIR, measureKeplerRun } from '../../scripts/bench/kepler.ts';
import { freePort } from '../unit/hosting/serve-static-harness.ts';
import { waitForServer } from './wait-for-server.ts';

const DIST = path.join(KEPLER_DIR, 'dist');
const DATASET = 'liuzhou-2022';

test('kepler.gl’s bench page draws every point of points.arrow, and each size filter keeps exactly the rows in its range', async () => {
  test.skip(
    !existsSync(path.join(DIST, 'kepler.js')),
    `kepler.gl is not built here: npm run bench installs and builds it on first use (${KEPLER_DIR})`
  );
  test.setTimeout(300_000);
  const site = mkdtempSync(path.join(os.tmpdir(), 'cm-kepler-'));
  const port = await freePort();
  const server = spawn(process.execPath, ['scripts/serve-static.mjs', '--dir', site, '--port', String(port)], { stdio: 'ignore' });
  try {
    addKeplerPage(site, DIST);
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>site</title>');
    mkdirSync(path.join(site, 'data'));
    symlinkSync(path.resolve('static/data', DATASET), path.join(site, 'data', DATASET));
    await waitForServer(`http://127.0.0.1:${port}/`, server, 'serve-static');

    const r = await measureKeplerRun({
      url: `http://127.0.0.1:${port}/`,
      datasetId: DATASET,
      projects: 0,
      run: 1,
      changes: 8,
      budgetMs: 240_000,
      log: () => undefined
    });
    expect(r.errors).toEqual([]);
    expect(r.timed_out).toBeNull();
    const points = tableFromIPC(readFileSync(path.join('static/data', DATASET, 'points.arrow')));
    expect(r.rendered_points).toBe(points.numRows);
    expect(r.on_screen_ms).toBeGreaterThan(0);

    const sizes = points.getChild('sqrt_total')!.toArray() as Float32Array;
    expect(r.changes).toHaveLength(8);
    for (const change of r.changes) {
      const [lo, hi] = change.range;
      expect(change.shown, `rows with a size in [${lo}, ${hi}]`).toBe(sizes.filter((v) => v >= lo && v <= hi).length);
      expect(change.total_ms).toBeGreaterThanOrEqual(change.data_ms);
    }
    // The ranges differ, and so do the rows they keep: a filter that did nothing would fail here.
    expect(new Set(r.changes.map((c) => c.shown)).size).toBeGreaterThan(2);
  } finally {
    server.kill('SIGTERM');
    rmSync(site, { recursive: true, force: true });
  }
});
