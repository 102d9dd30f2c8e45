/**
 * Debian's Chromium as the e2e tests drive it (stack.md): WebGL on Mesa llvmpipe through
 * --use-angle=gl-egl, no background networking; no address but 127.0.0.1 resolves, so a request off
 * the bench server fails at once, and each is recorded.
 */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startServer } from './server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the e2e tests and the benchmarks share: WebGL on llvmpipe, nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--use-angle=gl-egl',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-sandbox'
];

/**
 * Nothing but the bench server's 127.0.0.1 resolves in the bench's browser: a request off it
 * fails without leaving the machine, and newContext records it.
 */
export const NO_HOST_NAMES = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

/** `jsFlags`: V8's flags for the page (`--no-maglev --no-turbofan`), to tell what the JIT's code adds to the heap. */
export function launch(jsFlags = ''): Promise<Browser> {
  const v8 = jsFlags ? [`--js-flags=${jsFlags}`] : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, NO_HOST_NAMES, '--enable-precise-memory-info', ...v8] });
}

export async function newContext(browser: Browser, origin: string, foreign: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Watched, not intercepted: a route sends every request of the page through this process and
  // back before it leaves (~0.1 s of a 100k load on two cores, which a user's browser does not pay).
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
  return context;
}

interface ProcessEntry {
  type: string;
  id: number;
}

/** Chromium's processes (renderers, GPU, …) with their pids. */
async function processes(browser: Browser): Promise<ProcessEntry[]> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    return ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessEntry[] }).processInfo;
  } finally {
    await cdp.detach();
  }
}

/** A /proc/<pid>/status field in MB (VmRSS, VmHWM), null when absent. */
function statusMb(pid: number, key: string): number | null {
  const m = new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

/** The pids of Chromium's renderer processes (the probes sample each one's memory). */
export async function rendererPids(browser: Browser): Promise<number[]> {
  return (await processes(browser)).filter((p) => p.type === 'renderer').map((p) => p.id);
}

/** A process's resident memory now, MB (0 once it is gone). */
export function rssMb(pid: number): number {
  try {
    return statusMb(pid, 'VmRSS') ?? 0;
  } catch {
    return 0;
  }
}

/**
 * The renderers' largest resident memory every 100 ms (the pids looked up again every 2 s) until
 * `stop`, which resolves once the last sample is in (the probes: probe-map-sql.ts, probe-drill-engine.ts).
 */
export function sampleRendererRss(browser: Browser): { samples: { at: number; mb: number }[]; stop: () => Promise<void> } {
  const samples: { at: number; mb: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    let pids: number[] = [];
    for (let i = 0; sampling; i++) {
      if (i % 20 === 0) pids = await rendererPids(browser).catch(() => pids);
      samples.push({ at: Date.now(), mb: Math.max(0, ...pids.map(rssMb)) });
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    samples,
    stop: () => {
      sampling = false;
      return sampler;
    }
  };
}

/**
 * The probes' runs (probe-map-sql.ts, probe-drill-engine.ts): `dir` served on `port`, each run in a
 * fresh browser and context, closed (and the server stopped) whatever happens.
 */
export async function probeRuns(
  dir: string,
  port: number,
  runs: number,
  run: (p: { browser: Browser; context: BrowserContext; url: string; run: number }) => Promise<void>
): Promise<void> {
  const server = await startServer(dir, '', port);
  try {
    for (let i = 0; i < runs; i++) {
      const browser = await launch();
      try {
        const context = await newContext(browser, `http://127.0.0.1:${port}`, []);
        await run({ browser, context, url: server.url, run: i });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
  }
}

/** Peak and current resident memory of Chromium's renderer and GPU processes (Linux /proc). */
export async function processMemory(
  browser: Browser
): Promise<{ renderer_rss_mb: number | null; renderer_peak_mb: number | null; gpu_rss_mb: number | null; gpu_peak_mb: number | null }> {
  const out = {
    renderer_rss_mb: null as number | null,
    renderer_peak_mb: null as number | null,
    gpu_rss_mb: null as number | null,
    gpu_peak_mb: null as number | null
  };
  try {
    for (const p of await processes(browser)) {
      try {
        if (p.type === 'renderer') {
          const rss = statusMb(p.id, 'VmRSS');
          const hwm = statusMb(p.id, 'VmHWM');
          if (rss !== null && rss > (out.renderer_rss_mb ?? 0)) out.renderer_rss_mb = Math.round(rss);
          if (hwm !== null && hwm > (out.renderer_peak_mb ?? 0)) out.renderer_peak_mb = Math.round(hwm);
        } else if (p.type.toLowerCase().includes('gpu')) {
          out.gpu_rss_mb = Math.round(statusMb(p.id, 'VmRSS') ?? 0);
          out.gpu_peak_mb = Math.round(statusMb(p.id, 'VmHWM') ?? 0);
        }
      } catch {
        // process gone
      }
    }
  } catch {
    // not Linux, or no SystemInfo domain
  }
  return out;
}

/**
 * Samples the renderer and GPU processes' resident memory (/proc, every `everyMs`; the process
 * list is asked of the browser only every few seconds, so sampling stays cheap) until stopped,
 * and returns the largest seen. Chromium resets a process's VmHWM now and then (npm run bench
 * saw it fall from 1.44 to 0.99 GB during a load), so the peak at the end alone can miss the load's.
 */
export function sampleMemory(
  browser: Browser,
  everyMs = 250,
  stage: () => string = () => 'run'
): { stop: () => Promise<{ renderer_mb: number; gpu_mb: number; renderer_by_stage_mb: Record<string, number> }> } {
  let stopped = false;
  const max = { renderer_mb: 0, gpu_mb: 0 };
  // Where the peak is reached (load, changes, timeline): what to look at when it is too high.
  const byStage: Record<string, number> = {};
  const loop = (async () => {
    let pids: ProcessEntry[] = [];
    let listed = 0;
    while (!stopped) {
      if (Date.now() - listed > 3000) {
        pids = await processes(browser).catch(() => pids);
        listed = Date.now();
      }
      for (const p of pids) {
        const kind = p.type === 'renderer' ? 'renderer_mb' : p.type.toLowerCase().includes('gpu') ? 'gpu_mb' : null;
        if (!kind) continue;
        try {
          const mb = Math.round(statusMb(p.id, 'VmRSS') ?? 0);
          max[kind] = Math.max(max[kind], mb);
          if (kind === 'renderer_mb') byStage[stage()] = Math.max(byStage[stage()] ?? 0, mb);
        } catch {
          // process gone
        }
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop.catch(() => undefined);
      return { ...max, renderer_by_stage_mb: byStage };
    }
  };
}
