/**
 * Basemaps from the site config, against local stand-ins: the config file, its XYZ tiles and a
 * one-tile PMTiles archive are served by the test itself, so nothing leaves the test server.
 * (MapLibre style URLs are covered by unit tests of the style construction.)
 */
import type { Page } from '@playwright/test';
import { PHASE_COLORS } from '../../src/lib/charts/colors.ts';
import { countColours, expect, openMap, test, type Rgb } from './helpers.ts';
import { solidPng } from './fixtures/png.ts';
import { onePngPmtiles, rangeResponse } from './fixtures/pmtiles.ts';
import { shiftPoint } from '../../src/lib/map/datum.ts';

const TILE: Rgb = [150, 210, 240];

async function serveConfig(page: Page, datum: string): Promise<string[]> {
  const tiles: string[] = [];
  await page.route('**/config/basemaps.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        basemaps: [
          {
            id: 'local-xyz',
            name: { zh: '本地瓦片', en: 'Local tiles' },
            type: 'raster',
            tiles: ['../fixture-tiles/{z}/{x}/{y}.png'],
            datum
          }
        ]
      })
    })
  );
  const png = solidPng(TILE);
  await page.route('**/fixture-tiles/**', (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ contentType: 'image/png', body: png });
  });
  return tiles;
}

/**
 * The translation (dx, dy) in pixels that best lays the point pixels of screenshot A onto those
 * of screenshot B (most overlapping pixels), searched within ±20 px.
 */
async function bestShift(page: Page, a: Buffer, b: Buffer, colours: Rgb[]): Promise<{ dx: number; dy: number; overlap: number }> {
  return page.evaluate(
    async ({ a64, b64, colours }) => {
      async function mask(b64: string) {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
        const m = new Uint8Array(width * height);
        for (let i = 0; i < m.length; i++) {
          const [r, g, bl] = [data[4 * i], data[4 * i + 1], data[4 * i + 2]];
          m[i] = colours.some((c) => Math.abs(r - c[0]) <= 24 && Math.abs(g - c[1]) <= 24 && Math.abs(bl - c[2]) <= 24) ? 1 : 0;
        }
        return { m, width, height };
      }
      const A = await mask(a64);
      const B = await mask(b64);
      let best = { dx: 0, dy: 0, overlap: -1 };
      for (let dy = -20; dy <= 20; dy++) {
        for (let dx = -20; dx <= 20; dx++) {
          let overlap = 0;
          for (let y = 20; y < A.height - 20; y++) {
            for (let x = 20; x < A.width - 20; x++) if (A.m[y * A.width + x] && B.m[(y + dy) * B.width + x + dx]) overlap++;
          }
          if (overlap > best.overlap) best = { dx, dy, overlap };
        }
      }
      return best;
    },
    { a64: a.toString('base64'), b64: b.toString('base64'), colours }
  );
}

const shot = (page: Page, name: string) =>
  page
    .getByTestId('project-map')
    .screenshot({ path: `test-results/screens/${name}.png`, mask: [page.getByTestId('map-legend')], maskColor: '#ffffff' });

test.describe('basemaps from the site config', () => {
  test('the default config offers only the offline basemap', async ({ page, foreignRequests }) => {
    await openMap(page, './?test');
    await expect(page.getByTestId('basemap')).toHaveCount(0);
    expect(foreignRequests).toEqual([]);
  });

  test('a raster XYZ basemap draws its tiles under the districts and points', async ({ page, foreignRequests }) => {
    const tiles = await serveConfig(page, 'WGS84');
    await openMap(page, './?test');
    await page.getByTestId('basemap').selectOption('local-xyz');
    await expect(page.getByTestId('project-map')).toHaveAttribute('data-basemap', 'local-xyz');
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    await expect(page).toHaveURL(/basemap=local-xyz/);
    let png: Buffer = Buffer.alloc(0);
    const tilePixels = async () => (await countColours(page, (png = await shot(page, 'map-basemap-raster')), [TILE], 8))[0];
    await expect.poll(tilePixels, { message: 'tile pixels', timeout: 30_000 }).toBeGreaterThan(20000);
    const [newPx] = await countColours(page, png, [PHASE_COLORS.new], 8);
    expect(newPx, 'points still drawn').toBeGreaterThan(20);
    expect(tiles[0]).toMatch(/\/command-map\/fixture-tiles\/\d+\/\d+\/\d+\.png$/);
    expect(foreignRequests).toEqual([]);
  });

  test('a selected district keeps its outline on a new basemap (its feature state given again)', async ({ page }) => {
    const tiles = await serveConfig(page, 'WGS84');
    const [{ id }] = await (await page.request.get('data/index.json')).json();
    const { features } = await (await page.request.get(`data/${id}/districts.geojson`)).json();
    // The district of the widest box, for an outline of many pixels.
    const width = (f: { geometry: { coordinates: number[][][] | number[][][][] } }) => {
      const xs = (f.geometry.coordinates.flat(3) as number[]).filter((_, i) => i % 2 === 0);
      return Math.max(...xs) - Math.min(...xs);
    };
    const widest = [...features].sort((a, b) => width(b) - width(a))[0];
    await openMap(page, `./?test&ds=${id}&district=${widest.properties.code}`);
    // The outline (#111111, 3 px, under the grey district line): pixels near black, the district
    // page's link (dark) masked.
    const outline = async (name: string) => {
      const png = await page.getByTestId('project-map').screenshot({
        path: `test-results/screens/${name}.png`,
        mask: [page.getByTestId('map-legend'), page.getByTestId('drill-links')],
        maskColor: '#ffffff'
      });
      return (await countColours(page, png, [[17, 17, 17]], 40))[0];
    };
    let before = 0;
    await expect.poll(async () => (before = await outline('map-basemap-outline-before'))).toBeGreaterThan(600);
    await page.getByTestId('basemap').selectOption('local-xyz');
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    const tilePixels = async () => (await countColours(page, await shot(page, 'map-basemap-outline-tiles'), [TILE], 8))[0];
    await expect.poll(tilePixels, { message: 'tile pixels', timeout: 30_000 }).toBeGreaterThan(20000);
    await expect
      .poll(() => outline('map-basemap-outline-after'), { message: 'outline pixels on the new basemap' })
      .toBeGreaterThan(before * 0.6);
  });

  test('on a GCJ-02 basemap the overlays shift east by the GCJ-02 offset', async ({ page }) => {
    await serveConfig(page, 'GCJ02');
    // Zoom in on the first dataset's first district, where its projects are.
    const [{ id }] = await (await page.request.get('data/index.json')).json();
    const districts = await (await page.request.get(`data/${id}/districts.geojson`)).json();
    const [lon, lat] = districts.features[0].properties.label as [number, number];
    await openMap(page, `./?test&ds=${id}&map=${lon},${lat},11`);
    const map = page.getByTestId('project-map');
    await expect(map).toHaveAttribute('data-map-idle', 'true');
    const colours = Object.values(PHASE_COLORS);
    const before = await shot(page, 'map-gcj-before');
    await page.getByTestId('basemap').selectOption('local-xyz');
    await expect(map).toHaveAttribute('data-basemap', 'local-xyz');
    // The new basemap's tiles drawn, and nothing left loading.
    const tilePixels = async () => (await countColours(page, await shot(page, 'map-gcj-after'), [TILE], 8))[0];
    await expect.poll(tilePixels, { message: 'tile pixels', timeout: 30_000 }).toBeGreaterThan(20000);
    await expect(map).toHaveAttribute('data-map-idle', 'true');
    const after = await shot(page, 'map-gcj-after');
    // The offset gcoord gives at this place, in pixels at zoom 11 (512 px tiles, Web Mercator).
    const [gx, gy] = shiftPoint([lon, lat]);
    const pxPerDegree = (512 * 2 ** 11) / 360;
    const expectDx = (gx - lon) * pxPerDegree;
    const expectDy = ((lat - gy) * pxPerDegree) / Math.cos((lat * Math.PI) / 180);
    const { dx, dy, overlap } = await bestShift(page, before, after, colours);
    expect(overlap, 'point pixels matched').toBeGreaterThan(300);
    expect(expectDx).toBeGreaterThan(2);
    expect(Math.abs(dx - expectDx), `dx ${dx} vs ${expectDx}`).toBeLessThanOrEqual(2.5);
    expect(Math.abs(dy - expectDy), `dy ${dy} vs ${expectDy}`).toBeLessThanOrEqual(2.5);
  });

  test('a self-hosted PMTiles archive draws through the pmtiles protocol with range requests', async ({ page, foreignRequests }) => {
    const colour: Rgb = [200, 170, 230];
    const archive = onePngPmtiles(solidPng(colour));
    const ranges: string[] = [];
    await page.route('**/config/basemaps.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ basemaps: [{ id: 'pm', name: 'PMTiles', type: 'pmtiles', url: '../fixture/city.pmtiles' }] })
      })
    );
    await page.route('**/fixture/city.pmtiles', (route) => {
      const range = route.request().headers()['range'];
      ranges.push(range ?? '');
      return route.fulfill(rangeResponse(archive, range));
    });
    await openMap(page, './?test&basemap=pm');
    await expect(page.getByTestId('project-map')).toHaveAttribute('data-basemap', 'pm');
    await expect.poll(() => ranges.length).toBeGreaterThan(1);
    const tilePixels = async () => (await countColours(page, await shot(page, 'map-basemap-pmtiles'), [colour], 8))[0];
    await expect.poll(tilePixels, { message: 'PMTiles tile pixels', timeout: 30_000 }).toBeGreaterThan(20000);
    expect(ranges.every((r) => r.startsWith('bytes='))).toBe(true);
    expect(foreignRequests).toEqual([]);
  });
});
