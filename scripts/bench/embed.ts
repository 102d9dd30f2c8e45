/**
 * The embed (/embed/) of a benchmark dataset, one page load per run in a fresh Chromium: what it
 * transfers (compressed, as the bench's static server sends the build's .br / .gz), by file, and
 * when its points are first on screen (ms from navigation). Targets (issue 21): ≤ 5 MB and
 * ≤ 1.5 s at 1k projects. Every request for duckdb-wasm is recorded: the embed answers its views
 * in the page and should make none. Measured at EMBED_SIZES unless `--no-embed`.
 */
import type { BrowserContext } from '@playwright/test';
import { launch, newContext } from './browser.ts';
import { summarise, type Summary } from './stats.ts';

export const EMBED_SIZES = [1000];
export const EMBED_TARGETS = { bytes: 5 * 2 ** 20, on_screen_ms: 1500 };

export interface EmbedRun {
  run: number;
  /** First non-zero data-rendered-points of the embed, ms from navigation. */
  points_on_screen_ms: number | null;
  rendered_points: number | null;
  /** The `interactive` mark (filters, RAG, picking answered in the page). */
  interactive_ms: number | null;
  bytes_total: number;
  requests: number;
  /** Bytes by file (path without the query), largest first. */
  by_file: { file: string; bytes: number }[];
  engine_requests: string[];
  errors: string[];
}

export interface EmbedSummary {
  runs: number;
  points_on_screen_ms: Summary | null;
  interactive_ms: Summary | null;
  bytes_total: Summary | null;
  /** The files of the run with the median transfer. */
  by_file: { file: string; bytes: number }[];
  engine_requests: number;
}

/** Timestamps the embed's first non-zero data-rendered-points, without touching the app. */
function observeEmbedRendered(): void {
  const check = () => {
    const el = document.querySelector('[data-testid=embed]');
    const n = Number(el?.getAttribute('data-rendered-points') ?? 0);
    const w = window as unknown as { __cmEmbed?: { t: number; n: number } };
    if (n > 0 && !w.__cmEmbed) w.__cmEmbed = { t: performance.now(), n };
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-rendered-points']
  });
}

/** Bytes over the wire by file (response body + headers, as transferred), the page's workers' requests included. */
function fileCounter(context: BrowserContext, origin: string) {
  const files = new Map<string, number>();
  const pending: Promise<void>[] = [];
  let requests = 0;
  context.on('requestfinished', (req) => {
    pending.push(
      req.sizes().then(
        (s) => {
          const url = new URL(req.url());
          const file = url.origin === origin ? url.pathname : url.href;
          files.set(file, (files.get(file) ?? 0) + s.responseBodySize + s.responseHeadersSize);
          requests++;
        },
        () => undefined
      )
    );
  });
  return {
    settled: () => Promise.all(pending.splice(0)),
    files: () => [...files].map(([file, bytes]) => ({ file, bytes })).sort((a, b) => b.bytes - a.bytes),
    requests: () => requests
  };
}

export async function measureEmbedRun(opts: {
  url: string;
  datasetId: string;
  run: number;
  budgetMs: number;
  log: (s: string) => void;
}): Promise<EmbedRun> {
  const origin = new URL(opts.url).origin;
  const result: EmbedRun = {
    run: opts.run,
    points_on_screen_ms: null,
    rendered_points: null,
    interactive_ms: null,
    bytes_total: 0,
    requests: 0,
    by_file: [],
    engine_requests: [],
    errors: []
  };
  const browser = await launch();
  try {
    const foreign: string[] = [];
    const context = await newContext(browser, origin, foreign);
    context.on('request', (r) => {
      if (/duckdb/i.test(new URL(r.url()).pathname)) result.engine_requests.push(new URL(r.url()).pathname);
    });
    const counter = fileCounter(context, origin);
    const page = await context.newPage();
    page.setDefaultTimeout(opts.budgetMs);
    page.on('pageerror', (e) => result.errors.push(`pageerror: ${e.message}`));
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(observeEmbedRendered);
    const target = new URL('embed/', opts.url);
    target.searchParams.set('ds', opts.datasetId);
    await page.goto(target.href, { waitUntil: 'commit' });
    await page.waitForFunction(() => !!(window as unknown as { __cmEmbed?: unknown }).__cmEmbed, null, { polling: 50 });
    // Until the page has its index and the views their answers from it, and the network is quiet.
    await page.waitForFunction(() => performance.getEntriesByName('cm:interactive').length > 0, null, { polling: 50 });
    await page.waitForLoadState('networkidle');
    const seen = await page.evaluate(() => ({
      rendered: (window as unknown as { __cmEmbed: { t: number; n: number } }).__cmEmbed,
      interactive: performance.getEntriesByName('cm:interactive')[0]?.startTime ?? null
    }));
    result.points_on_screen_ms = Math.round(seen.rendered.t * 10) / 10;
    result.rendered_points = seen.rendered.n;
    result.interactive_ms = seen.interactive === null ? null : Math.round(seen.interactive * 10) / 10;
    await counter.settled();
    result.by_file = counter.files();
    result.bytes_total = result.by_file.reduce((a, f) => a + f.bytes, 0);
    result.requests = counter.requests();
    await context.close();
    for (const url of foreign) result.errors.push(`foreign request: ${url}`);
  } catch (err) {
    result.errors.push(`embed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  } finally {
    await browser.close().catch(() => undefined);
  }
  opts.log(
    `  embed run ${opts.run}: on screen ${result.points_on_screen_ms ?? '—'} ms (${result.rendered_points ?? '—'} points), ` +
      `${(result.bytes_total / 2 ** 20).toFixed(2)} MB in ${result.requests} requests, duckdb requests ${result.engine_requests.length}`
  );
  return result;
}

export function summariseEmbed(runs: EmbedRun[]): EmbedSummary {
  const ok = runs.filter((r) => r.points_on_screen_ms !== null);
  const bytes = summarise(ok.map((r) => r.bytes_total));
  const median = ok.find((r) => r.bytes_total === bytes?.median) ?? ok[0];
  return {
    runs: runs.length,
    points_on_screen_ms: summarise(ok.map((r) => r.points_on_screen_ms)),
    interactive_ms: summarise(ok.map((r) => r.interactive_ms)),
    bytes_total: bytes,
    by_file: median?.by_file ?? [],
    engine_requests: runs.reduce((n, r) => n + r.engine_requests.length, 0)
  };
}

/** The embed's targets, as the size's targets list has them. */
export function embedTargets(e: EmbedSummary): { name: string; limit: string; value: number | null; met: boolean | null }[] {
  const on = e.points_on_screen_ms?.median ?? null;
  const mb = e.bytes_total ? e.bytes_total.median / 2 ** 20 : null;
  return [
    {
      name: 'embed: points on screen (median)',
      limit: `≤ ${EMBED_TARGETS.on_screen_ms} ms`,
      value: on,
      met: on === null ? null : on <= EMBED_TARGETS.on_screen_ms
    },
    {
      name: 'embed: bytes transferred, compressed (median)',
      limit: `≤ ${EMBED_TARGETS.bytes / 2 ** 20} MB`,
      value: mb === null ? null : Math.round(mb * 100) / 100,
      met: mb === null ? null : mb * 2 ** 20 <= EMBED_TARGETS.bytes
    },
    { name: 'embed: requests for duckdb-wasm', limit: '≤ 0 requests', value: e.engine_requests, met: e.engine_requests === 0 }
  ];
}

/** The embed's rows of the README table (sizes without a measurement show —). */
export function embedRows(
  sizes: { embed?: EmbedSummary }[],
  row: (label: string, f: (s: { embed?: EmbedSummary }) => string) => string
): string[] {
  if (!sizes.some((s) => s.embed)) return [];
  const sec = (v: number | null | undefined) => (typeof v === 'number' ? (v / 1000).toFixed(2) : '—');
  return [
    row('**embed: points on screen, s**', (s) => (s.embed?.points_on_screen_ms ? sec(s.embed.points_on_screen_ms.median) : '—')),
    row('**embed: bytes transferred (compressed), MB**', (s) =>
      s.embed?.bytes_total ? (s.embed.bytes_total.median / 2 ** 20).toFixed(2) : '—'
    ),
    row('embed: requests for duckdb-wasm', (s) => (s.embed ? String(s.embed.engine_requests) : '—'))
  ];
}
