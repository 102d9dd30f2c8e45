import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/bench/browser.ts';

/** The production build served under a sub-path, as it would be on an intranet host. */
export const BASE_PATH = '/command-map';
const PORT = Number(process.env.E2E_PORT ?? 4317);
export const E2E_BUILD_DIR = '.svelte-kit/e2e-build';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  // Spec files run two at a time (tests within a file in order); the specs that start servers use ports of their own.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}/`,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS }
  },
  webServer: {
    command: `node scripts/build-once.mjs && node scripts/serve-static.mjs --dir ${E2E_BUILD_DIR} --base ${BASE_PATH} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}/`,
    timeout: 600_000,
    reuseExistingServer: false,
    env: { BASE_PATH, BUILD_DIR: E2E_BUILD_DIR }
  }
});
