/**
 * kepler.gl beside Command Map (issue 23: the peer users would pick instead), in the same run of
 * `npm run bench`, at 1k and 100k projects: the same points (the dataset's points.arrow, the file
 * Command Map draws its first paint from) loaded in kepler.gl's page (kepler/app.jsx, served by the
 * bench server at kepler/), the time to points on screen and to a filter change (a range on the
 * investment size), each as a ratio to Command Map's figure of the same size and run.
 *
 * kepler.gl lives in its own folder (scripts/bench/kepler/: its package.json and lock, 0.8 GB of
 * node_modules) and is installed and built on the bench's first use, never by the app's
 * `npm install`. Where it cannot be installed or built, the size records why and the bench goes on.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { launch, newContext, sampleMemory } from './browser.ts';
import { Budget, settleRenderer, Timeout, within } from './page.ts';
import type { SizeSummary } from './report.ts';
import { summarise, type Summary } from './stats.ts';

/** Project counts kepler.gl is measured at (1M would take its page minutes to parse and more memory than the machine spares). */
export const KEPLER_SIZES = [1000, 100_000];

export const KEPLER_DIR = 'scripts/bench/kepler';
const DIST = path.join(KEPLER_DIR, 'dist');
const SOURCES = ['app.jsx', 'build.mjs', 'package.json', 'package-lock.json'].map((f) => path.join(KEPLER_DIR, f));

declare global {
  interface Window {
    __kepler?: {
      rendered: { t: number; n: number } | null;
      error: string | null;
      rows: number | null;
      filter(range: [number, number]): Promise<{ data_ms: number; total_ms: number; shown: number }>;
      sizeDomain(): [number, number];
    };
  }
}

export interface KeplerChange {
  /** [lo, hi] of the size filter (square root of 万元). */
  range: [number, number];
  /** The setFilter dispatch: kepler.gl's reducer filters on the main thread. */
  data_ms: number;
  /** To the first frame deck.gl drew with the filter. */
  total_ms: number;
  /** Points the filter keeps. */
  shown: number;
  settle_ms: number;
}

export interface KeplerRun {
  projects: number;
  run: number;
  /** ms from navigation start to the first frame deck.gl drew with the points. */
  on_screen_ms: number | null;
  rendered_points: number | null;
  /**
   * The page's marks, ms from navigation: `script` its script parsed and run (the data asked
   * for), `fetched` points.arrow in, `added` handed to kepler.gl.
   */
  marks: Record<string, number>;
  changes: KeplerChange[];
  renderer_peak_mb: number | null;
  errors: string[];
  timed_out: string | null;
}

export interface KeplerSummary {
  /** Why kepler.gl was not measured (it could not be installed, built or run). */
  error: string | null;
  runs: KeplerRun[];
  on_screen_ms: Summary | null;
  filter_data_ms: Summary | null;
  filter_total_ms: Summary | null;
  renderer_peak_mb: Summary | null;
  /** kepler.gl ÷ Command Map, same size and run: above 1, kepler.gl is the slower. */
  ratios: { on_screen: number | null; filter_total_p50: number | null; filter_total_p95: number | null };
}

/** Installs (npm ci, first use) and builds kepler.gl's page when its sources are newer than the build; the page's folder, or why not. */
export function prepareKepler(log: (s: string) => void): { dist: string } | { error: string } {
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { cwd: KEPLER_DIR, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 900_000 });
  try {
    const installed = path.join(KEPLER_DIR, 'node_modules', '.package-lock.json');
    if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(path.join(KEPLER_DIR, 'package-lock.json')).mtimeMs) {
      log(`installing kepler.gl for the side by side into ${KEPLER_DIR}/node_modules (first use: a few minutes, ~0.8 GB) …`);
      run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
    }
    const built = path.join(DIST, 'kepler.js');
    if (!existsSync(built) || SOURCES.some((f) => statSync(f).mtimeMs > statSync(built).mtimeMs)) {
      log('building kepler.gl’s page …');
      run(process.execPath, ['build.mjs']);
    }
    return { dist: DIST };
  } catch (err) {
    const e = err as { stderr?: string; message?: string };
    const detail = (e.stderr || e.message || String(err)).trim().split('\n').slice(0, 6).join(' | ');
    return { error: `kepler.gl could not be installed or built: ${detail}` };
  }
}

/** Puts kepler.gl's page into the site under test, at kepler/. */
export function addKeplerPage(siteDir: string, dist: string): void {
  const to = path.join(siteDir, 'kepler');
  rmSync(to, { recursive: true, force: true });
  for (const name of readdirSync(dist)) cpSync(path.join(dist, name), path.join(to, name));
}

/** Fractions of the size domain the filter changes go through, in turn (the same in every run). */
const RANGES: [number, number][] = [
  [0.1, 1],
  [0, 0.5],
  [0.25, 0.75],
  [0, 0.2],
  [0.5, 1],
  [0.05, 0.95],
  [0.3, 1],
  [0, 0.1]
];

/** The filter ranges of `n` changes over the size column's domain. */
export function keplerRanges(domain: [number, number], n: number): [number, number][] {
  const [lo, hi] = domain;
  return Array.from({ length: n }, (_, i) => {
    const [a, b] = RANGES[i % RANGES.length];
    return [lo + (hi - lo) * a, lo + (hi - lo) * b];
  });
}

async function openKepler(page: Page, url: string, datasetId: string, budget: Budget): Promise<{ t: number; n: number }> {
  // tsx (esbuild, keepNames) wraps named functions in __name(): give the page a no-op one.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const target = new URL('kepler/index.html', url);
  target.searchParams.set('ds', datasetId);
  await within(budget, 'load', page.goto(target.href, { waitUntil: 'commit' }));
  await within(
    budget,
    'load',
    page.waitForFunction(() => !!window.__kepler?.rendered || !!window.__kepler?.error, null, { polling: 50, timeout: budget.left() })
  );
  const { rendered, error } = await page.evaluate(() => ({ rendered: window.__kepler!.rendered, error: window.__kepler!.error }));
  if (!rendered) throw new Error(`kepler.gl’s page: ${error}`);
  return rendered;
}

/** One page load of kepler.gl on the dataset's points in a fresh Chromium, and its filter changes. */
export async function measureKeplerRun(opts: {
  url: string;
  datasetId: string;
  projects: number;
  run: number;
  changes: number;
  budgetMs: number;
  log: (s: string) => void;
}): Promise<KeplerRun> {
  const budget = new Budget(opts.budgetMs);
  const result: KeplerRun = {
    projects: opts.projects,
    run: opts.run,
    on_screen_ms: null,
    rendered_points: null,
    marks: {},
    changes: [],
    renderer_peak_mb: null,
    errors: [],
    timed_out: null
  };
  const browser = await launch();
  const sampler = sampleMemory(browser, 250);
  let stage = 'load';
  try {
    const foreign: string[] = [];
    const context = await newContext(browser, new URL(opts.url).origin, foreign);
    const page = await context.newPage();
    page.on('pageerror', (e) => result.errors.push(e.message));
    const rendered = await openKepler(page, opts.url, opts.datasetId, budget);
    result.on_screen_ms = Math.round(rendered.t * 10) / 10;
    result.rendered_points = rendered.n;
    result.marks = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('kepler:'))
          .map((m) => [m.name.slice(7), Math.round(m.startTime * 10) / 10])
      )
    );
    opts.log(
      `  kepler.gl run ${opts.run}: on screen ${result.on_screen_ms} ms (${rendered.n} points; its script run by ${result.marks.script ?? '—'} ms)`
    );
    await within(budget, stage, settleRenderer(page));
    stage = 'changes';
    const domain = await page.evaluate(() => window.__kepler!.sizeDomain());
    for (const range of keplerRanges(domain, opts.changes)) {
      const t = await within(
        budget,
        stage,
        page.evaluate((range) => window.__kepler!.filter(range), range)
      );
      const settle_ms = await within(budget, stage, settleRenderer(page));
      result.changes.push({ range, ...t, settle_ms });
    }
    if (foreign.length)
      result.errors.push(`requests off the bench server (failed: only 127.0.0.1 resolves): ${foreign.slice(0, 3).join(', ')}`);
    await context.close();
  } catch (err) {
    if (err instanceof Timeout) result.timed_out = err.message;
    else result.errors.push(`${stage}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    opts.log(`  kepler.gl run ${opts.run}: ${result.timed_out ? `budget exceeded during ${stage}` : `failed: ${result.errors.at(-1)}`}`);
  } finally {
    result.renderer_peak_mb = (await sampler.stop()).renderer_mb || null;
    await browser.close().catch(() => undefined);
  }
  return result;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;

/** kepler.gl's runs of one size, and their ratios to Command Map's figures of the same size (`cm`). */
export function summariseKepler(
  runs: KeplerRun[],
  cm: Pick<SizeSummary, 'load' | 'filter_total_ms'>,
  error: string | null = null
): KeplerSummary {
  const ok = runs.filter((r) => r.on_screen_ms !== null);
  const changes = ok.flatMap((r) => r.changes);
  const s: KeplerSummary = {
    error,
    runs,
    on_screen_ms: summarise(ok.map((r) => r.on_screen_ms)),
    filter_data_ms: summarise(changes.map((c) => c.data_ms)),
    filter_total_ms: summarise(changes.map((c) => c.total_ms)),
    renderer_peak_mb: summarise(ok.map((r) => r.renderer_peak_mb)),
    ratios: { on_screen: null, filter_total_p50: null, filter_total_p95: null }
  };
  s.ratios.on_screen = ratio(s.on_screen_ms?.median, cm.load.points_on_screen_ms?.median);
  s.ratios.filter_total_p50 = ratio(s.filter_total_ms?.median, cm.filter_total_ms?.median);
  s.ratios.filter_total_p95 = ratio(s.filter_total_ms?.p95, cm.filter_total_ms?.p95);
  return s;
}

/** The README table's rows for kepler.gl (none when no size measured it). */
export function keplerRows(
  sizes: { kepler?: KeplerSummary }[],
  row: (label: string, f: (s: { kepler?: KeplerSummary }) => string) => string
): string[] {
  if (!sizes.some((s) => s.kepler)) return [];
  const cell = (f: (k: KeplerSummary) => string) => (s: { kepler?: KeplerSummary }) =>
    !s.kepler ? '—' : s.kepler.error ? 'not run' : f(s.kepler);
  const sec = (v: number | undefined) => (typeof v === 'number' ? (v / 1000).toFixed(2) : '—');
  const ms = (v: number | undefined) => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : '—');
  return [
    row(
      '**kepler.gl: points on screen, s** (÷ Command Map’s)',
      cell((k) => `${sec(k.on_screen_ms?.median)} (${k.ratios.on_screen ?? '—'}×)`)
    ),
    row(
      '**kepler.gl: filter → next frame drawn, p50 / p95 ms** (÷ Command Map’s)',
      cell(
        (k) =>
          `${ms(k.filter_total_ms?.median)} / ${ms(k.filter_total_ms?.p95)} (${k.ratios.filter_total_p50 ?? '—'}× / ${k.ratios.filter_total_p95 ?? '—'}×)`
      )
    ),
    row(
      'kepler.gl: filter dispatch (its reducer), p50 / p95 ms',
      cell((k) => `${ms(k.filter_data_ms?.median)} / ${ms(k.filter_data_ms?.p95)}`)
    ),
    row(
      'kepler.gl: renderer process peak RSS, MB',
      cell((k) => ms(k.renderer_peak_mb?.median))
    )
  ];
}
