/**
 * npm run bench [-- options]
 *
 *   --sizes 1000,10000,100000,1000000   project counts (12 monthly rows each)
 *   --runs 5                            page loads per size (at most 3 from 100k projects)
 *   --runs-1m 1                         page loads at ≥ 1M projects (one takes ~8 min here)
 *   --changes 30                        filter changes per run (p50/p95 over all runs)
 *   --steps 3                           timeline steps (month back) per run
 *   --label <name>                      results file test/bench/results/<label>.json (default: date)
 *   --out <file>                        results file (overrides --label)
 *   --from-build <dir>                  reuse a production build instead of building (copied by hard links)
 *   --base </path>                      the base path that build was made with (default none)
 *   --build-dir <dir>                   where the site under test is assembled (default .svelte-kit/bench-build)
 *   --port 4391                         static server port
 *   --datasets <dir>                    benchmark datasets (default test/bench/datasets, generated if missing)
 *   --budget <s>                        wall-clock budget per page load, seconds (default 120 + 0.9 s per 1k projects)
 *   --no-readme-table                   do not print the README table
 *   --analyst                           also measure the data page (scrolling, CSV export; analyst.ts)
 *   --analyst-only                      the data page only, no map runs
 */
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
    analystOnly: false
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
        o.sizes = take().split(',').filter(Boolean).map(int);
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
