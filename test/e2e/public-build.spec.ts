/**
 * The public build (npm run build:public) as it is published: built with the example config
 * (a dataset left out, coarsened locations) into a folder of its own, served by the plain static
 * server under a sub-path, and opened in the browser. Only the embed's pages and the public
 * datasets are there; the embed draws its projects, under its CSP, fetching only files the
 * manifest lists.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './helpers.ts';
import { waitForServer } from './wait-for-server.ts';

const PORT = Number(process.env.E2E_PUBLIC_PORT ?? 4376);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const BASE = '/command-map';

let out = '';

/** Every file manifest.json lists (paths below the build folder). */
function manifestPaths(): Set<string> {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  return new Set(manifest.files.map((f) => f.path));
}
let server: ChildProcess | null = null;

test.describe('the public build', () => {
  test.beforeAll(async () => {
    test.setTimeout(600_000);
    out = mkdtempSync(path.join(tmpdir(), 'cm-public-'));
    execFileSync(
      'npx',
      ['tsx', 'scripts/public-build/cli.ts', '--config', 'scripts/public-build/public-build.example.json', '--out', out],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, BASE_PATH: BASE }
      }
    );
    server = spawn('node', ['scripts/serve-static.mjs', '--dir', out, '--base', BASE, '--port', String(PORT)], { stdio: 'ignore' });
    await waitForServer(`${ORIGIN}${BASE}/embed/`, server, 'the public build server');
  });
  test.afterAll(() => {
    server?.kill('SIGTERM');
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('holds the embed and the public datasets only, each file in the manifest', () => {
    const top = readdirSync(out).sort();
    for (const internal of ['league', 'sql', 'problems', 'bulletin', 'overview', 'district', 'sector', 'compare'])
      expect(top, `${internal}/ is an internal page`).not.toContain(internal);
    expect(existsSync(path.join(out, 'data', 'index.html')), 'the data page is internal').toBe(false);
    expect(existsSync(path.join(out, 'embed', 'index.html'))).toBe(true);
    const ids = (JSON.parse(readFileSync(path.join(out, 'data', 'index.json'), 'utf8')) as { id: string }[]).map((d) => d.id);
    expect(ids).not.toContain('lishui-2018');
    expect(ids).toContain('liuzhou-2022');
    expect(existsSync(path.join(out, 'data', 'lishui-2018'))).toBe(false);
    const listed = manifestPaths();
    expect(
      [...listed].some((p) => p.endsWith('.wasm.br')),
      'precompressed engine copies'
    ).toBe(true);
    expect([...listed].some((p) => p.endsWith('.map'))).toBe(false);
    expect(readFileSync(path.join(out, 'SHA256SUMS'), 'utf8').trim().split('\n').length).toBe(listed.size);
  });

  test('draws the embed from its own files, under its policy, and has no internal page', async ({ page, request, foreignRequests }) => {
    test.setTimeout(120_000);
    expect((await request.get(`${ORIGIN}${BASE}/league/`)).status()).toBe(404);
    expect((await request.get(`${ORIGIN}${BASE}/data/lishui-2018/meta.json`)).status()).toBe(404);

    const listed = manifestPaths();
    foreignRequests.length = 0;
    await page.unroute('**/*');
    const fetched: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return route.fallback();
      if (!url.startsWith(ORIGIN)) return route.abort();
      fetched.push(decodeURIComponent(new URL(url).pathname.slice(BASE.length + 1)));
      return route.fallback();
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });

    await page.goto(`${ORIGIN}${BASE}/embed/?ds=liuzhou-2022`);
    const embed = page.getByTestId('embed');
    await expect(embed).toBeVisible({ timeout: 60_000 });
    await expect(embed).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
    await expect(embed).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    // Pages are asked for by folder (embed/), files by name.
    const files = fetched.filter((p) => p && !p.endsWith('/'));
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((p) => !listed.has(p))).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/public-build-embed.png' });
  });
});
