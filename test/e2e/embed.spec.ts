/**
 * The embed (/embed/) in a page of another origin: a tiny host server on its own port frames the
 * app, sets a filter and a view over postMessage and is told of a click; a page of an origin the
 * site config does not allow is neither heard nor told anything. Screenshots at phone, small phone
 * and laptop sizes, each checked for drawn projects. None of it downloads duckdb-wasm: every view of
 * the embed is answered in the page from the month's facts (issue 21).
 */
import { expect, test, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { PHASE_COLORS } from '../../src/lib/charts/colors.ts';
import { countColours, duckdbRows } from './helpers.ts';

const HOST_PORT = Number(process.env.E2E_HOST_PORT ?? 4372);
const ALLOWED_HOST = `http://127.0.0.1:${HOST_PORT}`;
/** The same server under another name: another origin, not on the list. */
const OTHER_HOST = `http://localhost:${HOST_PORT}`;

function hostPage(src: string): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Host page</title>
<h1>政府网站示例</h1>
<iframe id="map" title="项目分布图" src=${JSON.stringify(src)} style="width:100%;height:560px;border:0"></iframe>
<script>
  const appOrigin = new URL(${JSON.stringify(src)}).origin;
  window.received = [];
  addEventListener('message', (e) => { if (e.origin === appOrigin) window.received.push(e.data); });
  window.send = (msg) => document.getElementById('map').contentWindow.postMessage(msg, appOrigin);
</script></html>`;
}

let server: Server;
let embedUrl: string;

test.beforeAll(async ({ baseURL }) => {
  embedUrl = new URL('embed/?test', baseURL).href;
  server = createServer((req, res) => {
    if (!req.url?.startsWith('/host.html')) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(embedUrl));
  });
  await new Promise<void>((done) => server.listen(HOST_PORT, '127.0.0.1', done));
});
test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** The site config of the embed, as IT would write it: only the test host's 127.0.0.1 origin. */
async function allowTestHost(context: BrowserContext): Promise<void> {
  await context.route('**/config/embed.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ allowedOrigins: [ALLOWED_HOST] }) })
  );
}

async function embedFrame(page: Page): Promise<Frame> {
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(embedUrl.replace(/\?.*/, ''))), { timeout: 30_000 }).toBe(true);
  return page.frames().find((f) => f.url().startsWith(embedUrl.replace(/\?.*/, '')))!;
}

async function drawn(embed: ReturnType<Frame['getByTestId']>): Promise<void> {
  await expect(embed).toBeVisible({ timeout: 60_000 });
  await expect(embed).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await expect(embed).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
}

/** Every request for duckdb-wasm (its module, its workers, its .wasm) the context makes, frames included. */
function engineRequests(context: BrowserContext): string[] {
  const asked: string[] = [];
  context.on('request', (r) => {
    if (/duckdb/i.test(new URL(r.url()).pathname)) asked.push(r.url());
  });
  return asked;
}

type Message = { v: number; type: string; [key: string]: unknown };
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Message[] }).received);

test.describe('the embed', () => {
  test('in a page of an allowed origin: takes a filter and a view, tells the view and a click', async ({ page, context }) => {
    await allowTestHost(context);
    const engine = engineRequests(context);
    // The largest new project with coordinates: the map is moved onto it and it is clicked.
    const facts = path.resolve('static/data/liuzhou-2022/facts');
    const [target] = await duckdbRows(
      `SELECT id, lon, lat FROM read_parquet('${facts}/*.parquet', filename = true)
       WHERE filename = (SELECT max(filename) FROM read_parquet('${facts}/*.parquet', filename = true))
         AND phase = 'new' AND map_placement = 'on_map' ORDER BY total_investment DESC LIMIT 1`
    );
    await page.goto(`${ALLOWED_HOST}/host.html`);
    const frame = await embedFrame(page);
    await drawn(frame.getByTestId('embed'));
    await expect.poll(async () => (await received(page)).map((m) => m.type)).toContain('ready');
    const ready = (await received(page)).find((m) => m.type === 'ready')!;
    expect(ready).toMatchObject({ v: 1, dataset: 'liuzhou-2022' });

    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({ v: 1, type: 'setFilters', filters: { phase: ['new'] } })
    );
    await expect
      .poll(async () => (await received(page)).some((m) => m.type === 'viewChanged' && JSON.stringify(m.filters) === '{"phase":["new"]}'))
      .toBe(true);
    await expect.poll(() => frame.evaluate(() => location.search)).toContain('phase=new');

    await page.evaluate((view) => (window as unknown as { send: (m: unknown) => void }).send({ v: 1, type: 'setView', view }), {
      lon: Number(target.lon),
      lat: Number(target.lat),
      zoom: 15
    });
    await expect
      .poll(async () => (await received(page)).some((m) => m.type === 'viewChanged' && (m.view as { zoom: number } | null)?.zoom === 15))
      .toBe(true);
    const map = frame.getByTestId('project-map');
    const box = (await map.boundingBox())!;
    // The project is at the map's centre; the map may still be drawing at the new zoom (software
    // rendering here), so move onto it and click until the host is told.
    await expect(async () => {
      await page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2 + 2);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect.poll(async () => (await received(page)).some((m) => m.type === 'click'), { timeout: 2_000 }).toBe(true);
    }).toPass({ timeout: 30_000 });
    expect((await received(page)).find((m) => m.type === 'click')).toMatchObject({ v: 1, target: 'project', id: target.id });
    await expect(frame.getByTestId('embed-picked')).not.toContainText('…');
    // The project's name is the page's (its points keep names): the host is told it with the click.
    const [{ name }] = await duckdbRows(`SELECT name FROM read_parquet('${facts}/*.parquet') WHERE id = '${target.id}' LIMIT 1`);
    expect((await received(page)).find((m) => m.type === 'click')).toMatchObject({ name });
    await expect(frame.getByTestId('embed-picked')).toContainText(String(name));
    expect((await received(page)).some((m) => m.type === 'height' && Number(m.height) > 100)).toBe(true);
    await page.screenshot({ path: 'test-results/screens/embed-host.png' });
    // The filter, the view, the hover and the click were all answered without the engine.
    expect(engine).toEqual([]);
  });

  test('in a page of an origin not allowed: ignores its messages and tells it nothing', async ({ page, context }) => {
    await allowTestHost(context);
    await page.goto(`${OTHER_HOST}/host.html`);
    const frame = await embedFrame(page);
    const embed = frame.getByTestId('embed');
    await drawn(embed);
    await page.evaluate(() =>
      (window as unknown as { send: (m: unknown) => void }).send({ v: 1, type: 'setFilters', filters: { phase: ['new'] } })
    );
    await expect(embed).toHaveAttribute('data-messages-ignored', '1');
    expect(await frame.evaluate(() => location.search)).not.toContain('phase=');
    expect(await received(page)).toEqual([]);
  });

  for (const [width, height] of [
    [320, 568],
    [390, 844],
    [1366, 768]
  ]) {
    test(`draws the map with its legend and date at ${width}×${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto('embed/?test');
      const embed = page.getByTestId('embed');
      await drawn(embed);
      await expect(page.getByTestId('embed-stamp')).toContainText('数据截至');
      await expect(page.getByTestId('map-legend')).toBeAttached();
      // Nothing leads into the internal pages; the map is a named region the keyboard reaches.
      await expect(page.getByRole('navigation')).toHaveCount(0);
      await expect(page.locator('a[href]')).toHaveCount(0);
      await expect(page.getByRole('region', { name: '项目分布地图' })).toBeVisible();
      await expect(async () => {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CANVAS');
      }).toPass({ timeout: 10_000 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
      const shot = await page.screenshot({ path: `test-results/screens/embed-${width}x${height}.png` });
      const counts = await countColours(page, shot, Object.values(PHASE_COLORS), 20);
      expect(
        counts.reduce((a, b) => a + b, 0),
        'pixels of project dots'
      ).toBeGreaterThan(200);
    });
  }
});

test('the embed answers a filter of its URL without downloading the engine', async ({ page, context }) => {
  const engine = engineRequests(context);
  await page.goto('embed/?test');
  const embed = page.getByTestId('embed');
  await drawn(embed);
  const all = Number(await embed.getAttribute('data-rendered-points'));
  await page.goto('embed/?test&phase=new&choropleth=projects');
  await drawn(embed);
  await expect.poll(async () => Number(await embed.getAttribute('data-rendered-points'))).toBeLessThan(all);
  // The choropleth's figures are the page's too: the legend has its scale.
  await expect(page.getByTestId('map-legend')).toContainText('项目数');
  await page.screenshot({ path: 'test-results/screens/embed-filtered-choropleth.png' });
  expect(engine).toEqual([]);
});

test('the map page writes the share link and the iframe snippet of the current view', async ({ page }) => {
  await page.goto('./?test&phase=new&color=phase');
  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('share-embed')).toHaveValue(/\/embed\/\?.*phase=new/);
  await expect(page.getByTestId('share-iframe')).toHaveValue(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/command-map\/embed\/\?/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
