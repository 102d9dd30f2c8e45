import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { E2E_BUILD_DIR } from '../../playwright.config.ts';
import { countColours, expect, openMap, test } from './helpers.ts';
import { NGINX, NO_NGINX, startNginx, type NginxServer } from './nginx-server.ts';

const ORIGIN = 'http://127.0.0.1:4318';

test.describe('hosting with nginx under a sub-path', () => {
  test.skip(!NGINX, NO_NGINX);
  let server: NginxServer | null = null;
  test.beforeAll(async () => {
    server = await startNginx(4318);
  });
  test.afterAll(() => server?.stop());

  test('serves the wasm with its MIME type and answers range requests', async ({ request }) => {
    const html = await (await request.get(`${ORIGIN}/command-map/`)).text();
    expect(html).toContain('/_app/');
    const index = await request.get(`${ORIGIN}/command-map/data/index.json`);
    expect(index.status()).toBe(200);
    const id = (await index.json())[0].id;
    const ranged = await request.get(`${ORIGIN}/command-map/data/${id}/projects.parquet`, { headers: { Range: 'bytes=0-3' } });
    expect(ranged.status()).toBe(206);
    expect(Buffer.from(await ranged.body()).toString('latin1')).toBe('PAR1');
  });

  test('sends the engine from its precompressed copy, with its MIME type and cache header', async ({ request }) => {
    const assets = path.join(E2E_BUILD_DIR, '_app/immutable/assets');
    const engine = readdirSync(assets).find((f) => /^duckdb-eh\..*\.wasm$/.test(f));
    expect(engine, 'the EH engine in the build').toBeTruthy();
    const response = await request.get(`${ORIGIN}/command-map/_app/immutable/assets/${engine}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/wasm');
    expect(response.headers()['content-encoding']).toBe('gzip');
    // The build's .gz sent as it is (gzip_static), not compressed anew per request (chunked, no length).
    expect(Number(response.headers()['content-length'])).toBe(statSync(path.join(assets, `${engine}.gz`)).size);
    expect(response.headers()['cache-control']).toContain('immutable');
  });

  test('sends the frame-ancestors header: the app for this site only, the embed for any site', async ({ request }) => {
    const app = await request.get(`${ORIGIN}/command-map/league/`);
    expect(app.status()).toBe(200);
    expect(app.headers()['content-security-policy']).toBe("frame-ancestors 'self'");
    const embed = await request.get(`${ORIGIN}/command-map/embed/`);
    expect(embed.status()).toBe(200);
    expect(await embed.text()).toContain('content-security-policy');
    expect(embed.headers()['content-security-policy']).toBe('frame-ancestors *');
  });

  test('loads the map with its points', async ({ page, foreignRequests }) => {
    test.setTimeout(120_000);
    // The fixture allows only the Playwright server's origin; nginx is a second local origin.
    foreignRequests.length = 0;
    await page.unroute('**/*');
    await page.route('**/*', (route) => (route.request().url().startsWith(ORIGIN) ? route.fallback() : route.abort()));
    const wasmTypes: string[] = [];
    const wasmEncodings: string[] = [];
    const moduleTypes: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.wasm')) wasmTypes.push(r.headers()['content-type']);
      if (r.url().endsWith('.wasm')) wasmEncodings.push(r.headers()['content-encoding']);
      if (r.url().endsWith('.mjs')) moduleTypes.push(r.headers()['content-type']);
    });
    await openMap(page, `${ORIGIN}/command-map/`);
    expect(wasmTypes.length).toBeGreaterThan(0);
    expect(new Set(wasmTypes)).toEqual(new Set(['application/wasm']));
    expect(new Set(wasmEncodings)).toEqual(new Set(['gzip']));
    expect(moduleTypes.length).toBeGreaterThan(0);
    expect(new Set(moduleTypes)).toEqual(new Set(['text/javascript']));
    // District land is drawn by MapLibre's worker, which may finish after deck's points; a worker
    // served with the wrong MIME type never draws it and leaves points on an empty background.
    const landPixels = async () => {
      const shot = await page.screenshot({ path: 'test-results/screens/nginx-map.png' });
      return (await countColours(page, shot, [[0xf7, 0xf5, 0xef]], 3))[0];
    };
    await expect.poll(landPixels, { message: 'pixels of district land', timeout: 30_000 }).toBeGreaterThan(20_000);
  });
});
