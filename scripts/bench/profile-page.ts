/**
 * What the profiling scripts (profile-changes.ts, profile-drill.ts) share: their command-line
 * arguments, and a bench build served and opened at a dataset in the bench's browser, closed after.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launch, newContext } from './browser.ts';
import { datasetId } from './datasets.ts';
import { Budget, openDataset } from './page.ts';
import { startServer } from './server.ts';

/** `--name value` from the command line, or the fallback. */
export const cliArg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

export interface ProfiledPage {
  page: Page;
  browser: Browser;
  /** Where the script writes its trace, timings and report (created). */
  out: string;
}

/**
 * Serves `--build` (default the bench build) on `--port`, opens the dataset of `--size` projects
 * as the bench does (with `--params`, the page's own URL parameters, e.g. `engine=idle`), runs
 * `profile` on the page, and closes the browser and the server whatever happens. `beforeOpen` runs
 * on a blank page first (a trace of the load starts there).
 */
export async function withProfiledPage(
  defaults: { port: string; out: string; size?: string },
  profile: (p: ProfiledPage) => Promise<void>,
  beforeOpen?: (p: ProfiledPage) => Promise<void>
): Promise<void> {
  const size = Number(cliArg('size', defaults.size ?? '1000'));
  const port = Number(cliArg('port', defaults.port));
  const build = cliArg('build', '.svelte-kit/bench-build');
  const out = cliArg('out', defaults.out);
  mkdirSync(out, { recursive: true });
  const server = await startServer(build, '', port);
  const browser = await launch();
  try {
    const context = await newContext(browser, new URL(server.url).origin, []);
    const page = await context.newPage();
    if (beforeOpen) {
      await page.goto('about:blank');
      await beforeOpen({ page, browser, out });
    }
    const params = cliArg('params', '');
    await openDataset(page, { url: server.url, datasetId: datasetId(size), budget: new Budget(300_000), stage: 'load', params });
    await profile({ page, browser, out });
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Writes a script's report beside its trace, and prints it. */
export function writeReport(out: string, parts: string[]): void {
  const report = parts.join('\n');
  writeFileSync(path.join(out, 'report.txt'), report);
  console.log(report);
}

/** Runs a script's main, its error printed and the process failed. */
export function runScript(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
