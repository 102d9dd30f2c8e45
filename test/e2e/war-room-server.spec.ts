/**
 * The war room against a server that changes under it, on its own port (4377, E2E_WAR_ROOM_PORT): a copy of
 * the build served by scripts/serve-static.mjs. New data published mid-tour (a new as-of month in
 * meta.json) is on screen after the next cycle; the server stopped mid-tour leaves the last data
 * on screen with a "stale since" badge, never an error screen, and the badge goes once the server
 * is back.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE_PATH, E2E_BUILD_DIR } from '../../playwright.config.ts';
import { duckdbRows, expect, test } from './helpers.ts';
import { openWarRoom } from './war-room-helpers.ts';
import { waitForServer } from './wait-for-server.ts';

const PORT = Number(process.env.E2E_WAR_ROOM_PORT ?? 4377);
const SITE = path.resolve('test-results/war-room-site');
const ROOT = `http://127.0.0.1:${PORT}${BASE_PATH}/`;
const META = path.join(SITE, 'data/liuzhou-2022/meta.json');
const FACTS_AUGUST = path.join(SITE, 'data/liuzhou-2022/facts/2022-08.parquet');

test.use({ viewport: { width: 1920, height: 1080 }, baseURL: ROOT });

let server: ChildProcess | null = null;
let published = '';

async function startServer(): Promise<void> {
  server = spawn('node', ['scripts/serve-static.mjs', '--dir', SITE, '--base', BASE_PATH, '--port', String(PORT)], { stdio: 'ignore' });
  await waitForServer(ROOT, server, 'the war room test server');
}

async function stopServer(): Promise<void> {
  const s = server;
  server = null;
  if (!s || s.exitCode !== null) return;
  const gone = new Promise((r) => s.once('exit', r));
  s.kill();
  await gone;
}

/** Replaces a file of the served copy (the copy's files are hard links to the build's: unlink first). */
function replace(file: string, text: string): void {
  rmSync(file);
  writeFileSync(file, text);
}

test.beforeAll(() => {
  rmSync(SITE, { recursive: true, force: true });
  execFileSync('cp', ['-al', E2E_BUILD_DIR, SITE]);
  published = readFileSync(META, 'utf8');
});

test.beforeEach(async () => {
  // The site as it was a month before: August the last month with data.
  const meta = JSON.parse(published);
  meta.as_of = '2022-08-31';
  meta.facts_months = meta.facts_months.filter((m: string) => m !== '2022-09');
  replace(META, JSON.stringify(meta));
  await startServer();
});

test.afterEach(stopServer);
test.afterAll(() => rmSync(SITE, { recursive: true, force: true }));

test('a new as-of month published mid-tour is on screen after the next cycle, without a reload of the page', async ({ page }) => {
  await openWarRoom(page, 'screen=wall&dwell=1&check=1&scenes=programme,league');
  const room = page.getByTestId('war-room');
  await expect(room).toHaveAttribute('data-as-of', '2022-08-31');
  await expect(page.getByTestId('war-as-of')).toContainText('2022年8月31日');
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  // The new data is loaded behind the data on screen: no loading note over the wall.
  await page.evaluate(() => {
    const w = window as unknown as { __loadingShown: boolean };
    w.__loadingShown = false;
    new MutationObserver(() => (w.__loadingShown ||= !!document.querySelector('[data-testid="loading"]'))).observe(document.body, {
      childList: true,
      subtree: true
    });
  });
  const cycles = Number(await room.getAttribute('data-cycles'));
  // serve-static (sirv, dev: false) reads each file's size and ETag once at start: it is started
  // again on the new files, as a deployment that restarts its server would be.
  await stopServer();
  replace(META, published);
  await startServer();
  await expect(room).toHaveAttribute('data-as-of', '2022-09-30', { timeout: 60_000 });
  await expect(page.getByTestId('war-as-of')).toContainText('2022年9月30日');
  expect(Number(await room.getAttribute('data-cycles'))).toBeGreaterThan(cycles);
  // The same document (no reload), the tour going on, the figures there.
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __loadingShown: boolean }).__loadingShown)).toBe(false);
  await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(/^[1-9][\d,]*$/, { timeout: 60_000 });
  await expect(page.getByTestId('wall-map')).not.toHaveAttribute('data-drawn', '0', { timeout: 60_000 });
});

test('the server stopped mid-tour: the last data stays with a "stale since" badge, and it goes when the server is back', async ({
  page
}) => {
  await openWarRoom(page, 'screen=wall&dwell=1&check=1&retry=2&scenes=programme,league,lagging');
  const room = page.getByTestId('war-room');
  await expect(room).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await expect(page.getByTestId('stale-badge')).toHaveCount(0);
  // The programme scene's count (the lagging scene shows its own subset), from the month's facts file
  // in Node: the screen shows it at scene 1 before the server stops, and still after.
  const [{ n }] = await duckdbRows(`SELECT count(*)::INTEGER AS n FROM read_parquet('${FACTS_AUGUST}') WHERE in_plan`);
  const projects = Number(n).toLocaleString('zh-CN');
  await page.keyboard.press('1');
  await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(projects);
  await page.keyboard.press('Escape');
  await stopServer();
  await expect(page.getByTestId('stale-badge')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('stale-badge')).toContainText(/服务器无法连接，数据停留在 \d\d:\d\d/);
  // The tour goes on over the data it has; no error screen.
  const at = Number(await room.getAttribute('data-cycles'));
  await expect.poll(async () => Number(await room.getAttribute('data-cycles')), { timeout: 30_000 }).toBeGreaterThan(at);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(projects);
  await page.screenshot({ path: 'test-results/screens/war-room-stale.png' });
  await page.keyboard.press('Escape');
  await startServer();
  await expect(page.getByTestId('stale-badge')).toHaveCount(0, { timeout: 30_000 });
  await expect(room).toHaveAttribute('data-stale', 'false');
});
