/**
 * The protected build (npm run protect) served by the plain static server: the passphrase screen
 * comes first and nothing of the data is read before a passphrase opens it; then the map shows its
 * points and a project card still reads its rows by range requests. Over 127.0.0.1 (a secure
 * context: WebCrypto) and over plain HTTP under a host name (cmap.test, mapped to 127.0.0.1: no
 * crypto.subtle, so @noble decrypts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { waitForServer } from './wait-for-server.ts';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import type { Page } from '@playwright/test';
import { BASE_PATH, E2E_BUILD_DIR } from '../../playwright.config.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/bench/browser.ts';
import { protectBuild } from '../../scripts/protect/protect-build.ts';
import { fulfilRanged } from './damaged-data.ts';
import { expect, test } from './helpers.ts';

const PORT = Number(process.env.E2E_PROTECTED_PORT ?? 4342);
const PROTECTED_DIR = '.svelte-kit/e2e-protected';
const PASSPHRASES = ['first audience passphrase', '第二个受众的访问口令'];
const DATA = /\/data\/[^/]+\/.+|\/data\/index\.json$/;
const SOURCE_FILE = /\/(projects|monthly|problems)\.parquet$/;

let server: ChildProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await protectBuild({ from: E2E_BUILD_DIR, to: PROTECTED_DIR, passphrases: PASSPHRASES });
  server = spawn('node', ['scripts/serve-static.mjs', '--dir', PROTECTED_DIR, '--base', BASE_PATH, '--port', String(PORT)], {
    stdio: 'inherit'
  });
  await waitForServer(`http://127.0.0.1:${PORT}${BASE_PATH}/`, server, 'the static server');
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

test.use({ launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP cmap.test 127.0.0.1'] } });

/** Every request for a data file: its path, and its Range header. */
function recordData(page: Page) {
  const seen: { path: string; range: string | null }[] = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (DATA.test(p) || p.endsWith('/data/protection.json')) seen.push({ path: p, range: r.headers()['range'] ?? null });
  });
  return seen;
}

async function enter(page: Page, passphrase: string, remember = false) {
  await page.getByLabel('访问口令').fill(passphrase);
  if (remember) await page.getByLabel(/在本浏览器会话中记住/).check();
  await page.getByRole('button', { name: '打开数据' }).click();
}

async function expectMapWithPoints(page: Page) {
  const map = page.getByTestId('map-page');
  await expect(map).toBeVisible({ timeout: 60_000 });
  await expect(map).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await expect(map).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
  await expect(map).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/** Opens the card of the project with the largest annual plan; its rows of the source files are read by ranges. */
async function expectCardReadByRanges(page: Page, seen: ReturnType<typeof recordData>) {
  await page.getByTestId('view-table').click();
  await page.getByTestId('sort-annual_plan').click();
  await page.getByTestId('project-table').locator('tbody th button').first().click();
  await expect(page.getByTestId('project-card').locator('h2')).not.toBeEmpty();
  await expect(page.getByTestId('monthly-curve')).toBeVisible();
  const source = seen.filter((s) => SOURCE_FILE.test(s.path));
  const ranged = source.filter((s) => /^bytes=\d+-\d+$/.test(s.range ?? ''));
  expect(new Set(ranged.map((s) => s.path.split('/').pop()))).toEqual(new Set(['projects.parquet', 'monthly.parquet', 'problems.parquet']));
  // The one whole read allowed: the page's own of the problem ledger (a district's open problems,
  // load-dataset.ts pageTable), at most once, whether or not the warm-up has come to it yet.
  const whole = source.filter((s) => !/^bytes=\d+-\d+$/.test(s.range ?? '')).map((s) => s.path.split('/').pop());
  expect(whole.filter((f) => f !== 'problems.parquet')).toEqual([]);
  expect(whole.length).toBeLessThanOrEqual(1);
}

async function screens(page: Page, name: string, sizes: [number, number][]) {
  mkdirSync('test-results/screens', { recursive: true });
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/screens/protected-${name}-${width}x${height}.png` });
  }
}

test('no data file of the protected build parses as Parquet, JSON or Arrow', async () => {
  const dataDir = path.join(PROTECTED_DIR, 'data');
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !/data\/(index\.html|protection\.json)$/.test(f));
  expect(files.filter((f) => f.endsWith('.parquet')).length).toBeGreaterThan(10);
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  for (const file of files) {
    const bytes = readFileSync(file);
    expect(() => JSON.parse(bytes.toString('utf8')), file).toThrow();
    expect(() => tableFromIPC(bytes), file).toThrow();
    await expect(conn.run(`SELECT count(*) FROM read_parquet('${file}')`), file).rejects.toThrow();
  }
  conn.closeSync();
});

test('no file of the protected build holds a dataset name in plain text', () => {
  const index = JSON.parse(readFileSync(path.join(E2E_BUILD_DIR, 'data/index.json'), 'utf8')) as { name: { zh: string; en: string } }[];
  const names = index.flatMap((d) => [d.name.zh, d.name.en]);
  // The engines' WebAssembly (70 MB) comes from npm, never from a dataset.
  const files = readdirSync(PROTECTED_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.wasm'));
  for (const e of files) {
    const text = readFileSync(path.join(e.parentPath, e.name)).toString('utf8');
    for (const name of names) expect(text.includes(name), `${name} in ${e.name}`).toBe(false);
  }
});

test.describe('over localhost, with WebCrypto', () => {
  test.use({ baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}/` });

  test('a wrong passphrase reads nothing; the other audience’s opens the map, and the card reads by ranges', async ({
    page,
    foreignRequests
  }) => {
    const seen = recordData(page);
    await page.goto('./?test');
    await expect(page.getByTestId('passphrase-screen')).toBeVisible();
    expect(await page.evaluate(() => window.isSecureContext && typeof crypto.subtle?.decrypt === 'function')).toBe(true);
    await page.getByRole('button', { name: '语言' }).click();
    await expect(page.getByRole('heading', { name: 'The data is encrypted' })).toBeVisible();
    await screens(page, 'en', [
      [390, 844],
      [1366, 768]
    ]);
    await page.getByRole('button', { name: 'Language' }).click();
    await enter(page, 'not the passphrase at all');
    await expect(page.getByRole('alert')).toContainText('口令不正确');
    await screens(page, 'wrong', [[1366, 768]]);
    expect(seen.map((s) => s.path.replace(`${BASE_PATH}/`, ''))).toEqual(['data/index.json', 'data/protection.json']);
    await enter(page, PASSPHRASES[1]);
    await expectMapWithPoints(page);
    await expectCardReadByRanges(page, seen);
    expect(foreignRequests).toEqual([]);
  });

  test('a data file changed on the server is refused by name, with no data of it shown', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const body = Buffer.from(await (await route.fetch()).body());
      body[body.length - 40] ^= 1;
      await route.fulfill({ status: 200, body, contentType: 'application/json' });
    });
    await page.goto('./');
    await enter(page, PASSPHRASES[0]);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('无法解密');
    await expect(error).toContainText(/data\/[^/]+\/meta\.json/);
    await expect(page.getByTestId('map-page')).toHaveCount(0);
  });
});

test.describe('a protected Parquet file changed on the server', () => {
  test.use({ baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}/` });

  /** Serves every `pattern` file with one byte flipped halfway through, by ranges as the server would. */
  async function changeFiles(page: Page, pattern: string) {
    await page.route(pattern, (route) => {
      const body = readFileSync(path.join(PROTECTED_DIR, new URL(route.request().url()).pathname.slice(BASE_PATH.length)));
      body[Math.floor(body.length / 2)] ^= 1;
      return fulfilRanged(route, body);
    });
  }

  test('a month’s facts file changed on the server is refused by name when it is decrypted, the map never shown', async ({ page }) => {
    await changeFiles(page, '**/data/*/facts/*.parquet');
    await page.goto('./');
    await enter(page, PASSPHRASES[0]);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('无法解密');
    await expect(error).toContainText(/facts\/\d{4}-\d{2}\.parquet/);
    await page.screenshot({ path: 'test-results/screens/protected-changed-facts-1440x900.png' });
  });

  test("a project card's rows read by ranges in the page are refused, the card says so", async ({ page }) => {
    await changeFiles(page, '**/data/*/projects.parquet');
    await page.goto('./?test');
    await enter(page, PASSPHRASES[0]);
    await expectMapWithPoints(page);
    await page.getByTestId('view-table').click();
    await page.getByTestId('project-table').locator('tbody th button').first().click();
    await expect(page.getByTestId('project-card')).toContainText('无法解密');
  });
});

test.describe('over plain HTTP under a host name, without WebCrypto', () => {
  test.use({ baseURL: `http://cmap.test:${PORT}${BASE_PATH}/` });

  test('the passphrase opens the map with @noble, and remembered for the session it is not asked again', async ({
    page,
    foreignRequests
  }) => {
    const seen = recordData(page);
    await page.goto('./?test');
    await expect(page.getByTestId('passphrase-screen')).toBeVisible();
    expect(await page.evaluate(() => [window.isSecureContext, typeof crypto.subtle])).toEqual([false, 'undefined']);
    await screens(page, 'screen', [
      [390, 844],
      [1366, 768]
    ]);
    await enter(page, PASSPHRASES[0], true);
    await expectMapWithPoints(page);
    await expectCardReadByRanges(page, seen);
    const stored = await page.evaluate(() =>
      Object.entries(sessionStorage)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')
    );
    expect(stored).toMatch(/command-map:data-key:/);
    expect(stored).not.toContain(PASSPHRASES[0]);
    await page.reload();
    await expectMapWithPoints(page);
    await expect(page.getByTestId('passphrase-screen')).toHaveCount(0);
    expect(foreignRequests).toEqual([]);
  });
});
