/**
 * Helpers of the war room's e2e tests: opening the screen and waiting until its map has drawn,
 * recording the scenes it shows, and counting the WebGL objects the page holds.
 */
import type { Page } from '@playwright/test';
import { expect } from './helpers.ts';

/** Opens the war room (path relative to the app) and waits until a scene is shown and the map (or its sketch) has drawn. */
export async function openWarRoom(page: Page, query: string): Promise<void> {
  await page.goto(`./war-room/?${query}`);
  const room = page.getByTestId('war-room');
  await expect(room).toBeVisible({ timeout: 60_000 });
  await waitForMap(page);
}

export async function waitForMap(page: Page): Promise<void> {
  const map = page.getByTestId('wall-map');
  if ((await map.getAttribute('data-webgl')) === 'true') await expect(map).not.toHaveAttribute('data-drawn', '0', { timeout: 60_000 });
  else await expect(page.getByTestId('district-sketch')).toHaveAttribute('data-drawn', 'true', { timeout: 60_000 });
}

export const sceneIndex = async (page: Page) => Number(await page.getByTestId('war-room').getAttribute('data-scene-index'));

/** Records every scene id the screen shows from now on (window.__scenes), by watching its attribute. */
export async function recordScenes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __scenes: string[] };
    const room = document.querySelector('[data-testid="war-room"]')!;
    w.__scenes = [room.getAttribute('data-scene-id')!];
    new MutationObserver(() => {
      const id = room.getAttribute('data-scene-id')!;
      if (w.__scenes.at(-1) !== id) w.__scenes.push(id);
    }).observe(room, { attributes: true, attributeFilter: ['data-scene-id'] });
  });
}

export const recordedScenes = (page: Page) => page.evaluate(() => (window as unknown as { __scenes: string[] }).__scenes);

/**
 * Counts the WebGL objects alive in the page (buffers, textures, framebuffers, renderbuffers,
 * programs, shaders, vertex arrays): created minus deleted, by wrapping the WebGL2 context's
 * methods before the app runs. Read with `webglObjects(page)`.
 */
export async function countWebGLObjects(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const live = { n: 0 };
    (window as unknown as { __webgl: { n: number } }).__webgl = live;
    const proto = WebGL2RenderingContext.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const kind of ['Buffer', 'Texture', 'Framebuffer', 'Renderbuffer', 'Program', 'Shader', 'VertexArray']) {
      const create = proto[`create${kind}`];
      const remove = proto[`delete${kind}`];
      proto[`create${kind}`] = function (this: unknown, ...args: unknown[]) {
        const made = create.apply(this, args);
        if (made) live.n++;
        return made;
      };
      proto[`delete${kind}`] = function (this: unknown, ...args: unknown[]) {
        if (args[0]) live.n--;
        return remove.apply(this, args);
      };
    }
  });
}

export const webglObjects = (page: Page) => page.evaluate(() => (window as unknown as { __webgl?: { n: number } }).__webgl?.n ?? null);

/**
 * The share of a screenshot's pixels that differ from its top-left pixel (the map's background):
 * about 0 for a blank map, well above for one that shows its districts and projects.
 */
export async function paintedShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]) > 30) painted++;
    }
    return painted / (data.length / 4);
  }, png.toString('base64'));
}

/**
 * Waits until the scene's figures are the scene's own: its state given to the core (data-applied),
 * the views' queries asked (mosaic asks them in the next animation frame, or once a query of
 * theirs still running is done) and answered.
 */
export async function sceneAnswered(page: Page): Promise<void> {
  const room = page.getByTestId('war-room');
  await expect(room).toHaveAttribute('data-applied', (await room.getAttribute('data-scene-id'))!);
  await expect(room).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(room).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/**
 * What is cut, covered or too small on the screen as it is now: the scene's view (or a box inside
 * it) holding more than it shows, anything of the screen outside the viewport, the map's legend
 * over the box of the scene's projects (the map's `data-projects-box`), and type in the scene, the
 * header and the legend below `minPx` (the legend's at least `legendPx`; a chart's drawn text
 * measured as drawn, at its drawing's scale). An empty list: it all fits.
 */
export async function layoutProblems(page: Page, minPx: number, legendPx: number): Promise<string[]> {
  return page.evaluate(
    ({ minPx, legendPx }) => {
      const problems: string[] = [];
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}${
          el.classList.length ? `.${[...el.classList].filter((c) => !c.startsWith('svelte-')).join('.')}` : ''
        } "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      };
      const room = document.querySelector('[data-testid="war-room"]')!;
      const scene = room.querySelector('[data-testid="war-scene"]')!;
      if (scene.scrollHeight > scene.clientHeight + 1)
        problems.push(`the scene runs ${scene.scrollHeight - scene.clientHeight} px off its bottom`);
      if (scene.scrollWidth > scene.clientWidth + 1)
        problems.push(`the scene runs ${scene.scrollWidth - scene.clientWidth} px off its side`);
      const map = room.querySelector('[data-testid="wall-map"]')!;
      const legend = map.querySelector('.legend-slot');
      for (const el of room.querySelectorAll('*')) {
        // The map's own drawing (canvas, controls) is the map's business; its legend is checked.
        if (map.contains(el) && !legend?.contains(el)) continue;
        if (!shown(el)) continue;
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
          problems.push(`off the screen: ${name(el)}`);
        const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
        const ellipsis = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
        if (clips && !ellipsis && el !== scene && el !== room) {
          if (el.scrollWidth > el.clientWidth + 1) problems.push(`cut at the side by ${el.scrollWidth - el.clientWidth} px: ${name(el)}`);
          if (el.scrollHeight > el.clientHeight + 1)
            problems.push(`cut at the bottom by ${el.scrollHeight - el.clientHeight} px: ${name(el)}`);
        }
        const text = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
        const min = legend?.contains(el) ? legendPx : scene.contains(el) || el.closest('[data-testid="war-header"]') ? minPx : 0;
        // An SVG's text is drawn at its own size times the drawing's scale.
        const px = parseFloat(style.fontSize) * (el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1);
        if (text && px < min - 0.5) problems.push(`type of ${px.toFixed(1)} px (< ${min} px): ${name(el)}`);
      }
      const box = map.getAttribute('data-projects-box');
      if (legend && shown(legend) && box) {
        const [l, t, r, b] = box.split(',').map(Number);
        const m = map.getBoundingClientRect();
        const g = legend.getBoundingClientRect();
        const x0 = Math.max(l + m.left, g.left);
        const x1 = Math.min(r + m.left, g.right);
        const y0 = Math.max(t + m.top, g.top);
        const y1 = Math.min(b + m.top, g.bottom);
        if (x1 > x0 + 1 && y1 > y0 + 1) problems.push(`the legend covers ${Math.round(x1 - x0)}×${Math.round(y1 - y0)} px of the projects`);
        if (l < -1 || t < -1 || r > m.width + 1 || b > m.height + 1)
          problems.push(`the projects run off the map: ${box} in ${Math.round(m.width)}×${Math.round(m.height)}`);
      }
      return problems;
    },
    { minPx, legendPx }
  );
}
