/**
 * Damaged data for the browser tests: files of the demo dataset rewritten by DuckDB (other column
 * types, other values) or cut short, served in place of the real ones by the page's router, as a
 * static server would serve them (byte ranges included).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page, Route } from '@playwright/test';

/** The dataset the app opens first (data/index.json's first entry). */
export const DATASET: string = JSON.parse(readFileSync('static/data/index.json', 'utf8'))[0].id;
export const DATA_DIR = `static/data/${DATASET}`;

/** Answers a request from `body` as a static server does: HEAD, whole GET, or 206 for a byte range. */
export async function fulfilRanged(route: Route, body: Buffer, served = { bytes: 0 }, type = 'application/vnd.apache.parquet') {
  const headers = { 'accept-ranges': 'bytes', 'content-type': type };
  if (route.request().method() === 'HEAD')
    return route.fulfill({ status: 200, headers: { ...headers, 'content-length': String(body.length) } });
  const m = /^bytes=(\d*)-(\d*)$/.exec(route.request().headers()['range'] ?? '');
  if (!m) {
    served.bytes += body.length;
    return route.fulfill({ status: 200, headers, body });
  }
  const start = m[1] === '' ? body.length - Number(m[2]) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? body.length - 1 : Math.min(Number(m[2]), body.length - 1);
  served.bytes += end - start + 1;
  return route.fulfill({
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}` },
    body: body.subarray(start, end + 1)
  });
}

/**
 * A Parquet file of the dataset rewritten by DuckDB: `select` reads it as `src` (e.g.
 * `SELECT * REPLACE (CAST(total_investment AS VARCHAR) AS total_investment) FROM src`).
 */
export async function rewrittenParquet(file: string, select: string): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cm-e2e-'));
  const out = path.join(dir, 'out.parquet');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    await conn.run(`CREATE VIEW src AS SELECT * FROM read_parquet('${path.join(DATA_DIR, file)}')`);
    await conn.run(`COPY (${select}) TO '${out}' (FORMAT parquet)`);
    return readFileSync(out);
  } finally {
    conn.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves every month's facts file of the dataset rewritten by `select` (made once per month). */
export async function serveRewrittenFacts(page: Page, select: string): Promise<void> {
  const made = new Map<string, Promise<Buffer>>();
  await page.route(`**/data/${DATASET}/facts/*.parquet`, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    if (!made.has(name)) made.set(name, rewrittenParquet(`facts/${name}`, select));
    return fulfilRanged(route, await made.get(name)!);
  });
}

/** The first part of one of the dataset's files, as a broken upload or copy leaves it. */
export function truncated(file: string, share = 0.5): Buffer {
  const whole = readFileSync(path.join(DATA_DIR, file));
  return whole.subarray(0, Math.floor(whole.length * share));
}

/** The viewports the damaged-data screens are looked at in: phone, laptop, wall screen. */
export const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'wall', width: 1920, height: 1080 }
] as const;

/** Screenshots of the page at each of SCREENS, named test-results/screens/<name>-<screen>.png. */
export async function screenshotsAtSizes(page: Page, name: string, ready: () => Promise<void> = async () => undefined): Promise<void> {
  for (const s of SCREENS) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await ready();
    await page.screenshot({ path: `test-results/screens/${name}-${s.name}.png` });
  }
}
