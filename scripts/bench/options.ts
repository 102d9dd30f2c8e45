/**
 * npm run bench [-- options]
 *
 *   --sizes 1000,10000,100000,1000000   project counts (12 monthly rows each); none: only the soak run
 *   --runs 5                            page loads per size (at most 3 from 100k projects)
 *   --runs-1m 1                         page loads at ≥ 1M projects (one takes ~8 min here)
 *   --changes 30                        filter changes per run (p50/p95 over all runs)
 *   --steps 3                           timeline steps (month back) per run
 *   --label <name>                      results file test/bench/results/<label>.json (default: date)
 *   --out <file|folder/>                results file, or a folder for <label>.json (default test/bench/results/)
 *   --from-build <dir>                  reuse a production build instead of building (copied by hard links
 *                                       over the bench build folder: an A/B keeps each build in its own)
 *   --base </path>                      the base path that build was made with (default none)
 *   --build-dir <dir>                   where the site under test is assembled (default .svelte-kit/bench-build)
 *   --port 4391                         static server port
 *   --datasets <dir>                    benchmark datasets (default test/bench/datasets, generated if missing)
 *   --budget <s>                        wall-clock budget per page load, seconds (default 120 + 0.9 s per 1k projects)
 *   --no-readme-table                   do not print the README table
 *   --analyst                           also measure the data page (scrolling, CSV export; analyst.ts)
 *   --analyst-only                      the data page only, no map runs
 *   --league                            also measure the league tables (both sequences, every metric, rank changes; league.ts)
 *   --league-only                       the league tables only, no map runs
 *   --no-kepler                         no kepler.gl side by side (default: measured at 1k and 100k; kepler.ts)
 *   --embed-sizes 1000                  sizes whose embed (/embed/) is measured: its bytes by file and points on screen (embed.ts)
 *   --no-embed                          no embed mark
 *   --soak <n>                          the soak run: n filter changes in one page load, heap and DOM sampled (default 0: none)
 *   --soak-size <projects>              the soak run's dataset (default 1000)
 *   --soak-params <query>               the page's own parameters for the soak run, e.g. choropleth=projects (default none)
 *   --soak-warmup <n>                   changes before the soak's first sample (default 500: V8 compiles for that long)
 *   --js-flags "<flags>"                V8's flags for the soak's page, e.g. "--no-maglev --no-turbofan" (default none)
 *   --soak-every <k>                    a sample (full collection, heap, DOM counters) every k changes (default 10)
 *   --soak-snapshots <n,m>              heap snapshots after these many soak changes (default 0 and n; none: no snapshot)
 *   --soak-snapshot-dir <dir>           where they go (default test-results/soak)
 */
import { EMBED_SIZES } from './embed.ts';

/**
 * Changes made before the soak's first sample. At 1k projects the heap after collection grows by
 * 4.7 KB a change over the first 500 changes and far more slowly after (−0.3 and 0.3 KB a change
 * over the second and third 500 of a run of 1,500; 0.8 and 0.5 KB in runs warmed up by 500 and
 * 1,000): V8 compiling more of the page's functions as each is called often enough. JS objects do
 * not grow (heap snapshots), and with V8's compilers off the heap is flat from the start. See
 * HISTORY.md, change 26.
 */
export const SOAK_WARMUP = 500;

export interface BenchOptions {
  sizes: number[];
  runs: number;
  runs1m: number;
  changes: number;
  steps: number;
  out: string | null;
  label: string;
  fromBuild: string | null;
  base: string;
  buildDir: string;
  port: number;
  datasets: string;
  budget: number | null;
  table: boolean;
  analyst: boolean;
  analystOnly: boolean;
  league: boolean;
  leagueOnly: boolean;
  /** kepler.gl beside Command Map at the sizes of KEPLER_SIZES (kepler.ts). */
  kepler: boolean;
  /** Sizes whose embed is measured (embed.ts; default EMBED_SIZES), among `sizes`. */
  embedSizes: number[];
  soak: number;
  soakSize: number;
  soakParams: string;
  soakWarmup: number;
  jsFlags: string;
  soakEvery: number;
  /** null: at the first and the last sample. */
  soakSnapshots: number[] | null;
  soakSnapshotDir: string;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    sizes: [1000, 10_000, 100_000, 1_000_000],
    runs: 5,
    runs1m: 1,
    changes: 30,
    steps: 3,
    out: null,
    label: new Date().toISOString().slice(0, 10),
    fromBuild: null,
    base: '',
    buildDir: '.svelte-kit/bench-build',
    port: 4391,
    datasets: 'test/bench/datasets',
    budget: null,
    table: true,
    analyst: false,
    analystOnly: false,
    league: false,
    leagueOnly: false,
    kepler: true,
    embedSizes: [...EMBED_SIZES],
    soak: 0,
    soakSize: 1000,
    soakParams: '',
    soakWarmup: SOAK_WARMUP,
    jsFlags: '',
    soakEvery: 10,
    soakSnapshots: null,
    soakSnapshotDir: 'test-results/soak'
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (v: string) => {
      const n = Number(v.replaceAll('_', ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: not a whole number: ${v}`);
      return n;
    };
    switch (flag) {
      case '--sizes':
        {
          const v = take();
          o.sizes = v === 'none' ? [] : v.split(',').filter(Boolean).map(int);
        }
        break;
      case '--runs':
        o.runs = Math.max(1, int(take()));
        break;
      case '--runs-1m':
        o.runs1m = Math.max(1, int(take()));
        break;
      case '--changes':
        o.changes = int(take());
        break;
      case '--steps':
        o.steps = int(take());
        break;
      case '--label':
        o.label = take();
        break;
      case '--out':
        o.out = take();
        break;
      case '--from-build':
        o.fromBuild = take();
        break;
      case '--base':
        o.base = take().replace(/\/$/, '');
        break;
      case '--build-dir':
        o.buildDir = take();
        break;
      case '--port':
        o.port = int(take());
        break;
      case '--datasets':
        o.datasets = take();
        break;
      case '--budget':
        o.budget = int(take());
        break;
      case '--no-readme-table':
        o.table = false;
        break;
      case '--analyst':
        o.analyst = true;
        break;
      case '--analyst-only':
        o.analyst = o.analystOnly = true;
        break;
      case '--league':
        o.league = true;
        break;
      case '--league-only':
        o.league = o.leagueOnly = true;
        break;
      case '--no-embed':
        o.embedSizes = [];
        break;
      case '--embed-sizes':
        o.embedSizes = take().split(',').filter(Boolean).map(int);
        break;
      case '--no-kepler':
        o.kepler = false;
        break;
      case '--soak':
        o.soak = int(take());
        break;
      case '--soak-size':
        o.soakSize = int(take());
        break;
      case '--soak-params':
        o.soakParams = take().replace(/^\?/, '');
        break;
      case '--soak-warmup':
        o.soakWarmup = int(take());
        break;
      case '--js-flags':
        o.jsFlags = take();
        break;
      case '--soak-every':
        o.soakEvery = Math.max(1, int(take()));
        break;
      case '--soak-snapshots':
        {
          const v = take();
          o.soakSnapshots = v === 'none' ? [] : v.split(',').filter(Boolean).map(int);
        }
        break;
      case '--soak-snapshot-dir':
        o.soakSnapshotDir = take();
        break;
      default:
        throw new Error(`unknown option ${a} (see scripts/bench/options.ts)`);
    }
  }
  return o;
}

/** Runs per size: --runs up to 100k projects (at most 3 from 100k), --runs-1m from 1M. */
export function runsFor(o: BenchOptions, projects: number): number {
  if (projects >= 1_000_000) return Math.min(o.runs, o.runs1m);
  return projects >= 100_000 ? Math.min(o.runs, 3) : o.runs;
}

/** Wall-clock budget of one page load and its measurements, ms. */
export function budgetFor(o: BenchOptions, projects: number): number {
  return (o.budget ?? 120 + (0.9 * projects) / 1000) * 1000;
}

/** Wall-clock budget of the soak run: a page load and its changes (each settles as in a timed run), ms. */
export function soakBudgetFor(o: BenchOptions, projects: number): number {
  return budgetFor(o, projects) + (o.soakWarmup + o.soak) * (3 + (0.005 * projects) / 1000) * 1000;
}
