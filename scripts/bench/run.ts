/**
 * npm run bench [-- --sizes 1000,10000 --runs 3 --changes 30]  (options: scripts/bench/options.ts)
 *
 * Generates the benchmark datasets (if missing), builds the production site once into its own
 * folder with them, serves it with the plain static server, and measures each size in a fresh
 * headless Chromium per run (llvmpipe); with --soak, one more page load that makes many filter
 * changes and samples the heap (soak.ts). Writes test/bench/results/<label>.json and prints the
 * README table. A benchmark never fails: missed targets and timeouts are reported, exit code 0
 * unless the harness itself could not run.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM } from './browser.ts';
import { datasetFiles, datasetId, ensureDataset, parquetRows } from './datasets.ts';
import { describeMachine } from './machine.ts';
import { measureRun, type RunResult } from './measure.ts';
import { budgetFor, parseBenchArgs, runsFor, soakBudgetFor, type BenchOptions } from './options.ts';
import { readmeTable, summariseSize, type BenchResults } from './report.ts';
import { startServer } from './server.ts';
import { buildSize, prepareSite } from './site.ts';
import { measureAnalyst } from './analyst.ts';
import { analystTargets } from './issue-targets.ts';
import { leagueTargetLine, measureLeague } from './league.ts';
import { measureSoak } from './soak.ts';
import { JIUJIANG, measureJiujiangPlayback } from './playback.ts';
import { embedTargets, measureEmbedRun, summariseEmbed, type EmbedRun } from './embed.ts';
import { addKeplerPage, KEPLER_SIZES, measureKeplerRun, prepareKepler, summariseKepler, type KeplerRun } from './kepler.ts';

/** Where the results go: `--out` (a folder there takes `<label>.json`), else test/bench/results/<label>.json. */
export function resultsFile(o: Pick<BenchOptions, 'out' | 'label'>): string {
  if (!o.out) return path.join('test/bench/results', `${o.label}.json`);
  const folder = o.out.endsWith('/') || (existsSync(o.out) && statSync(o.out).isDirectory());
  return folder ? path.join(o.out, `${o.label}.json`) : o.out;
}

export async function runBench(o: BenchOptions, log: (s: string) => void = console.log): Promise<{ file: string; results: BenchResults }> {
  const t0 = Date.now();
  const file = resultsFile(o);
  const sizes = [...new Set([...o.sizes, ...(o.soak > 0 ? [o.soakSize] : [])])];
  const datasets = sizes.map((projects) => ({ projects, dir: ensureDataset(o.datasets, projects, log) }));
  // Jiujiang's programme (the demo dataset, npm run data) is served beside them for its playback mark.
  const jiujiang = o.sizes.length > 0 && existsSync(path.join(JIUJIANG.dir, 'meta.json'));
  const projectsOf = (dir: string) => Number(JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')).playback?.points ?? 0);
  const served = jiujiang ? [...datasets, { projects: projectsOf(JIUJIANG.dir), dir: JIUJIANG.dir }] : datasets;
  const dir = prepareSite({ dir: o.buildDir, fromBuild: o.fromBuild, base: o.base, datasets: served, log });
  const keplerSizes = o.kepler && !o.analystOnly && !o.leagueOnly ? o.sizes.filter((n) => KEPLER_SIZES.includes(n)) : [];
  const kepler = keplerSizes.length ? prepareKepler(log) : null;
  if (kepler && 'dist' in kepler) addKeplerPage(dir, kepler.dist);
  else if (kepler) log(kepler.error);
  const server = await startServer(dir, o.base, o.port);
  const results: BenchResults = {
    label: o.label,
    date: new Date().toISOString(),
    machine: describeMachine(CHROMIUM),
    options: { ...o },
    build: buildSize(dir),
    sizes: [],
    runs: [],
    soak: null
  };
  try {
    for (const { projects, dir: dsDir } of datasets.filter((d) => o.sizes.includes(d.projects))) {
      const n = runsFor(o, projects);
      const rows = await parquetRows(dsDir);
      const facts = { month: rows.month, file: rows.file, rows: rows.facts };
      log(
        `${datasetId(projects)}: ${n} run(s), ${o.changes} filter changes, ${o.steps} timeline steps each; the page loads ${rows.file} (${rows.facts} rows)`
      );
      const runs: RunResult[] = [];
      for (let run = 1; run <= (o.analystOnly || o.leagueOnly ? 0 : n); run++) {
        runs.push(
          await measureRun({
            url: server.url,
            datasetId: datasetId(projects),
            projects,
            run,
            changes: o.changes,
            steps: o.steps,
            budgetMs: budgetFor(o, projects),
            facts,
            log
          })
        );
      }
      results.runs.push(...runs);
      const s = summariseSize(projects, runs, datasetFiles(dsDir), rows);
      if (o.analyst) {
        s.analyst = await measureAnalyst({ url: server.url, datasetId: datasetId(projects), timeoutMs: budgetFor(o, projects), log });
        s.targets.push(...analystTargets(projects, s.analyst));
      }
      if (o.league)
        s.league = await measureLeague({
          url: server.url,
          datasetId: datasetId(projects),
          datasetDir: dsDir,
          projects,
          timeoutMs: budgetFor(o, projects),
          log
        });
      if (s.league) s.targets.push(leagueTargetLine(s.league));
      if (kepler && keplerSizes.includes(projects)) {
        const keplerRuns: KeplerRun[] = [];
        for (let run = 1; 'dist' in kepler && run <= n; run++)
          keplerRuns.push(
            await measureKeplerRun({
              url: server.url,
              datasetId: datasetId(projects),
              projects,
              run,
              changes: o.changes,
              budgetMs: budgetFor(o, projects),
              log
            })
          );
        s.kepler = summariseKepler(keplerRuns, s, 'error' in kepler ? kepler.error : null);
        log(
          `  kepler.gl: on screen ${s.kepler.on_screen_ms?.median ?? '—'} ms (${s.kepler.ratios.on_screen ?? '—'}× Command Map's), filter → frame p50 ${s.kepler.filter_total_ms?.median ?? '—'} ms (${s.kepler.ratios.filter_total_p50 ?? '—'}×)`
        );
      }
      if (!o.analystOnly && !o.leagueOnly && o.embedSizes.includes(projects)) {
        const embedRuns: EmbedRun[] = [];
        for (let run = 1; run <= n; run++)
          embedRuns.push(
            await measureEmbedRun({ url: server.url, datasetId: datasetId(projects), run, budgetMs: budgetFor(o, projects), log })
          );
        s.embed = summariseEmbed(embedRuns);
        s.targets.push(...embedTargets(s.embed));
      }
      results.sizes.push(s);
      log(
        `  filter data p50/p95 ${s.filter_data_ms?.median}/${s.filter_data_ms?.p95} ms; handed ${s.load.points_handed_ms?.median} ms; on screen ${s.load.points_on_screen_ms?.median} ms`
      );
    }
    if (jiujiang && !o.analystOnly) {
      log(`${JIUJIANG.id}: its months played at two steps a second`);
      results.jiujiang_playback = await measureJiujiangPlayback({ url: server.url, timeoutMs: 120_000, log });
    }
    if (o.soak > 0) {
      log(
        `${datasetId(o.soakSize)}: soak run, ${o.soak} filter changes, a sample every ${o.soakEvery}${o.soakParams ? ` (?${o.soakParams})` : ''}`
      );
      const soak = await measureSoak({
        url: server.url,
        datasetId: datasetId(o.soakSize),
        projects: o.soakSize,
        params: o.soakParams,
        warmup: o.soakWarmup,
        jsFlags: o.jsFlags,
        changes: o.soak,
        every: o.soakEvery,
        budgetMs: soakBudgetFor(o, o.soakSize),
        snapshotsAt: o.soakSnapshots ?? [0, o.soak],
        snapshotDir: o.soakSnapshotDir,
        log
      });
      results.soak = soak;
      log(
        `  soak: heap after collection ${soak.heap_start_mb} → ${soak.heap_end_mb} MB, ${soak.heap_slope_kb_per_change} KB per change; DOM nodes ${soak.dom_nodes_per_change} per change`
      );
    }
  } finally {
    await server.stop();
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  log(`results: ${file} (${Math.round((Date.now() - t0) / 1000)} s)`);
  if (o.table) log('\n' + readmeTable(results));
  return { file, results };
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('scripts', 'bench', 'run.ts'))) {
  let o: BenchOptions;
  try {
    o = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`npm run bench: ${(e as Error).message}`);
    process.exit(2);
  }
  runBench(o).catch((e) => {
    console.error(`npm run bench: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  });
}
