/**
 * npx tsx scripts/bench/probe-memory.ts [--size 1000] [--port 4474] [--build .svelte-kit/bench-build] [--params engine=idle] [--changes 10] [--steps 1]
 *
 * What the renderer's memory is made of after the bench's map stages: the dataset opened as the
 * bench opens it, at rest, `--changes` filter changes and `--steps` months back, then a memory-infra
 * dump of every process (Chromium's own accounting: V8 heaps by isolate, the page's and the
 * workers', malloc, PartitionAlloc, Blink's GC heap, Skia, fonts, shared memory) beside the
 * renderer's RSS and peak from /proc.
 */
import { processMemory, rendererPids, rssMb } from './browser.ts';
import { empty, makeChanges, type District } from './changes.ts';
import { restPage, timeChange } from './page.ts';
import { cliArg, runScript, withProfiledPage } from './profile-page.ts';

type Attrs = { attrs?: Record<string, { value: string; units: string }> } | undefined;

const mb = (hex: string | undefined) => (hex ? Number.parseInt(hex, 16) / 2 ** 20 : 0);

async function main() {
  await withProfiledPage({ port: '4474', out: '/tmp/probe-memory' }, async ({ page, browser }) => {
    await restPage(page);
    const districts = (await page.evaluate(() =>
      window.__cm!.session.dataset.districts.features.map((f: { properties: { code: string; label: [number, number] } }) => ({
        code: f.properties.code,
        label: f.properties.label
      }))
    )) as District[];
    for (const filters of makeChanges(Number(cliArg('changes', '10')), districts)) await timeChange(page, { filters });
    await timeChange(page, { filters: empty() });
    const asOf = (await page.evaluate(() => window.__cm!.core.month.key)) as string;
    let [y, m] = asOf.split('-').map(Number);
    // Each month step's renderer RSS before it and at its highest (sampled every 20 ms).
    const pids = await rendererPids(browser);
    const rss = () => Math.max(...pids.map(rssMb));
    for (let i = 0; i < Number(cliArg('steps', '1')); i++) {
      [y, m] = m === 1 ? [y - 1, 12] : [y, m - 1];
      const before = rss();
      let high = before;
      const sampler = setInterval(() => (high = Math.max(high, rss())), 20);
      const t = await timeChange(page, { month: `${y}-${String(m).padStart(2, '0')}` });
      clearInterval(sampler);
      console.log(
        `month ${y}-${m}: ${t.data_ms.toFixed(0)} ms, renderer RSS ${before.toFixed(0)} → high ${high.toFixed(0)} → ${rss().toFixed(0)} MB`
      );
    }
    await restPage(page);
    const engine = await page.evaluate(() => performance.getEntriesByName('cm:engine-demanded').length > 0);
    console.log(`engine asked for: ${engine}; /proc: ${JSON.stringify(await processMemory(browser))}`);

    const cdp = await browser.newBrowserCDPSession();
    const events: { args?: { dumps?: { process_totals?: Record<string, string>; allocators?: Record<string, Attrs> } }; pid: number }[] =
      [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['disabled-by-default-memory-infra'] }
    });
    await cdp.send('Tracing.requestMemoryDump', { deterministic: true, levelOfDetail: 'detailed' });
    await cdp.send('Tracing.end');
    await complete;
    if (process.argv.includes('--raw')) {
      const withAllocators = events.find((e) => e.args?.dumps?.allocators && Object.keys(e.args.dumps.allocators).length > 0);
      console.log(JSON.stringify(Object.entries(withAllocators?.args?.dumps?.allocators ?? {}).slice(0, 8)));
    }
    console.log(`${events.length} events, ${events.filter((e) => e.args?.dumps?.allocators).length} with allocators`);
    // Each process's dump: its totals, and its allocators (names like "v8/main/heap", "malloc", "partition_alloc/partitions").
    for (const e of events) {
      const dumps = e.args?.dumps;
      if (!dumps?.allocators || Object.keys(dumps.allocators).length === 0) continue;
      const totals = events.find((t) => t.pid === e.pid && t.args?.dumps?.process_totals)?.args?.dumps?.process_totals;
      const footprint = mb(totals?.private_footprint_bytes);
      if (footprint < Number(cliArg('min', '50'))) continue;
      const top = Object.entries(dumps.allocators)
        .filter(([name]) => name.split('/').length <= Number(cliArg('depth', '2')))
        .map(([name, attrs]) => [name, mb(attrs?.attrs?.effective_size?.value ?? attrs?.attrs?.size?.value)] as const)
        .filter(([, size]) => size >= 1)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 45);
      console.log(
        `\npid ${e.pid}: private footprint ${footprint.toFixed(0)} MB, peak RSS ${mb(totals?.peak_resident_set_size).toFixed(0)} MB`
      );
      for (const [name, size] of top) console.log(`${size.toFixed(1).padStart(8)} MB  ${name}`);
    }
  });
}

runScript(main);
