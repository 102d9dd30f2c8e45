/**
 * The Content-Security-Policy: every page of the build carries its policy in a <meta> tag, and
 * the app works under it with no `securitypolicyviolation` event (the engines' WebAssembly, the
 * workers, the map, the exports, the console and the Word file). The frame-ancestors header lets
 * only this site frame the app, and any site (or the listed ones) frame the embed.
 */
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { expect, openMap, test } from './helpers.ts';

const HOST_PORT = Number(process.env.E2E_CSP_HOST_PORT ?? 4374);

/** Records the page's CSP violations (also those of frames) from before its first script runs. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
    );
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);

/** Loads a page of the app afresh (its own HTML, so its own <meta> policy) and waits until it is idle. */
async function visit(page: Page, path: string, testid: string): Promise<void> {
  await page.goto(path);
  const root = page.getByTestId(testid);
  await expect(root).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 60_000 });
  if ((await root.getAttribute('data-busy')) !== null) await expect(root).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')).toContain("'wasm-unsafe-eval'");
}

test.describe('content security policy', () => {
  test('every page works under its policy with no violation', async ({ page }) => {
    test.setTimeout(240_000);
    await recordViolations(page);
    await openMap(page);
    expect(await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')).toMatch(
      /script-src 'self' 'wasm-unsafe-eval' 'sha256-/
    );
    expect(await violations(page)).toEqual([]);

    await visit(page, 'data/', 'data-page');
    await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('data-export-xlsx').click()]);
    expect(await violations(page)).toEqual([]);

    await visit(page, 'sql/', 'console-page');
    await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.getByTestId('console-run').click();
    await expect(page.getByTestId('console-page')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    expect(await violations(page)).toEqual([]);

    await visit(page, 'bulletin/', 'bulletin-page');
    await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('bulletin-word').click()]);
    expect(await violations(page)).toEqual([]);

    for (const [path, testid] of [
      ['overview/', 'overview-page'],
      ['league/', 'league-page'],
      ['problems/', 'problems-page'],
      ['embed/', 'embed']
    ]) {
      await visit(page, path, testid);
      expect(await violations(page), path).toEqual([]);
    }
    // The recorder hears a violation: an injected inline script is refused and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
    });
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  test.describe('framing', () => {
    let server: Server;
    test.beforeAll(async ({ baseURL }) => {
      server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').searchParams.get('frame') ?? '';
        const src = new URL(path, baseURL).href;
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!doctype html><meta charset="utf-8"><title>host</title><iframe id="f" src=${JSON.stringify(src)} width="800" height="500"></iframe>`
          );
      });
      await new Promise<void>((done) => server.listen(HOST_PORT, '127.0.0.1', done));
    });
    test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

    test('another site may frame the embed but not the app', async ({ page, request, baseURL, foreignRequests }) => {
      test.setTimeout(120_000);
      expect((await request.get(new URL('./', baseURL).href)).headers()['content-security-policy']).toBe("frame-ancestors 'self'");
      expect((await request.get(new URL('embed/', baseURL).href)).headers()['content-security-policy']).toBe('frame-ancestors *');
      // The host page is a second local origin, allowed for this test only.
      foreignRequests.length = 0;
      await page.unroute('**/*');
      const host = `http://127.0.0.1:${HOST_PORT}`;
      await page.route('**/*', (route) => {
        const url = route.request().url();
        return url.startsWith(host) || url.startsWith(new URL(baseURL!).origin) || url.startsWith('data:') || url.startsWith('blob:')
          ? route.fallback()
          : route.abort();
      });

      await page.goto(`${host}/?frame=embed/`);
      const embed = page.frameLocator('#f').getByTestId('embed');
      await expect(embed).toBeVisible({ timeout: 60_000 });
      await expect(embed).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });

      await page.goto(`${host}/?frame=./`);
      // A refused frame is Chromium's error page, never the app.
      await expect.poll(() => page.frames()[1]?.url() ?? '', { timeout: 30_000 }).toMatch(/^chrome-error:/);
      await expect(page.frameLocator('#f').getByTestId('map-page')).toHaveCount(0);
    });
  });
});
