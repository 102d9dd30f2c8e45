/**
 * What the profiling scripts (profile-changes.ts, profile-drill.ts) share: their command-line
 * arguments, and a bench build served and opened at a dataset in the bench's browser, closed after.
 */
import { mkdirSync } from 'node:fs';
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
 * as the bench does, runs `profile` on the page, and closes the browser and the server whatever happens.
 */
export async function withProfiledPage(
  defaults: { port: string; out: string },
  profile: (p: ProfiledPage) => Promise<void>
): Promise<void> {
  const size = Number(cliArg('size', '1000'));
  const port = Number(cliArg('port', defaults.port));
  const build = cliArg('build', '.svelte-kit/bench-build');
  const out = cliArg('out', defaults.out);
  mkdirSync(out, { recursive: true });
  const server = await startServer(build, '', port);
  const browser = await launch();
  try {
    const context = await newContext(browser, new URL(server.url).origin, []);
    const page = await context.newPage();
    await openDataset(page, { url: server.url, datasetId: datasetId(size), budget: new Budget(300_000), stage: 'load' });
    await profile({ page, browser, out });
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Runs a script's main, its error printed and the process failed. */
export function runScript(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
