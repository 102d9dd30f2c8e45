import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_BUILD_DIR } from '../../playwright.config.ts';
import { countColours, expect, openMap, test } from './helpers.ts';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const PORT = 4318;
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** An nginx of its own (no root, no system config) serving the build with the README's block. */
function startNginx(): { proc: ChildProcess; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cm-nginx-'));
  mkdirSync(path.join(dir, 'www'));
  symlinkSync(path.resolve(E2E_BUILD_DIR), path.join(dir, 'www', 'command-map'));
  const block = readFileSync('scripts/hosting/nginx-location.conf', 'utf8').replace('root /srv/www;', `root ${dir}/www;`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join('\n');
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    // As root, nginx's workers would drop to an account that cannot read this checkout.
    `${process.getuid?.() === 0 ? 'user root root;' : ''}
daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  ${temp}
  server {
    listen 127.0.0.1:${PORT};
    ${block}
  }
}`
  );
  execFileSync(NGINX!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const proc = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'inherit' });
  return { proc, dir };
}

test.describe('hosting with nginx under a sub-path', () => {
  test.skip(!NGINX, 'nginx is not installed (apt-get install nginx); .ci/run installs it so CI always runs this');
  let server: { proc: ChildProcess; dir: string };

  test.beforeAll(async () => {
    server = startNginx();
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(`${ORIGIN}/command-map/`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  test.afterAll(() => {
    server?.proc.kill('SIGTERM');
    if (server) rmSync(server.dir, { recursive: true, force: true });
  });

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

  test('loads the map with its points', async ({ page, foreignRequests }) => {
    test.setTimeout(120_000);
    // The fixture allows only the Playwright server's origin; nginx is a second local origin.
    foreignRequests.length = 0;
    await page.unroute('**/*');
    await page.route('**/*', (route) => (route.request().url().startsWith(ORIGIN) ? route.fallback() : route.abort()));
    const wasmTypes: string[] = [];
    const moduleTypes: string[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('.wasm')) wasmTypes.push(r.headers()['content-type']);
      if (r.url().endsWith('.mjs')) moduleTypes.push(r.headers()['content-type']);
    });
    await openMap(page, `${ORIGIN}/command-map/`);
    expect(wasmTypes.length).toBeGreaterThan(0);
    expect(new Set(wasmTypes)).toEqual(new Set(['application/wasm']));
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
