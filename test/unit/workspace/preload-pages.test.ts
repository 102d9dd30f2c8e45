import { describe, expect, it } from 'vitest';
import { PAGES } from '../../../src/lib/workspace/pages.ts';
import { PRELOADED_PAGES, preloadPages } from '../../../src/lib/workspace/preload-pages.ts';

/** An idle scheduler run by hand. */
function manualIdle() {
  const queued: (() => void)[] = [];
  return { idle: (run: () => void) => (queued.push(run), () => queued.splice(queued.indexOf(run), 1)), queued };
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('preloading the pages a click leads to', () => {
  it('names pages that exist', () => {
    for (const p of PRELOADED_PAGES) expect(PAGES.map((page) => page.path)).toContain(p);
  });

  it('waits for the browser to be idle, then fetches each page once, in turn, under the base', async () => {
    const { idle, queued } = manualIdle();
    const asked: string[] = [];
    let release: () => void = () => undefined;
    preloadPages(
      '/command-map',
      (path) => {
        asked.push(path);
        return new Promise<void>((done) => (release = done));
      },
      { idle }
    );
    expect(asked).toEqual([]);
    queued[0]();
    await flush();
    expect(asked).toEqual(['/command-map/district/']);
    release();
    await flush();
    expect(asked).toEqual(['/command-map/district/', '/command-map/sector/']);
  });

  it('goes on past a page whose code cannot be fetched', async () => {
    const { idle, queued } = manualIdle();
    const asked: string[] = [];
    let finished = false;
    preloadPages('', (path) => (asked.push(path), path.includes('sector') ? Promise.reject(new Error('offline')) : Promise.resolve()), {
      idle,
      done: () => (finished = true)
    });
    queued[0]();
    for (let i = 0; i < 10; i++) await flush();
    expect(asked).toEqual(PRELOADED_PAGES);
    expect(finished).toBe(true);
  });

  it('stops when told, between two pages', async () => {
    const { idle, queued } = manualIdle();
    const asked: string[] = [];
    const stop = preloadPages('', (path) => (asked.push(path), path.includes('sector') && stop(), Promise.resolve()), { idle });
    queued[0]();
    for (let i = 0; i < 10; i++) await flush();
    expect(asked).toEqual(['/district/', '/sector/']);
  });

  it('fetches nothing when stopped before the browser was idle', () => {
    const { idle, queued } = manualIdle();
    const asked: string[] = [];
    preloadPages('', (path) => (asked.push(path), Promise.resolve()), { idle })();
    expect(queued).toEqual([]);
    expect(asked).toEqual([]);
  });
});
