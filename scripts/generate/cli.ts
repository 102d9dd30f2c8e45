/**
 * npm run data [-- options]
 *
 *   (no options)            generate the demo datasets that are missing under static/data/
 *   --force                 regenerate them even if present (datasets made by another
 *                           generator version or seed are always regenerated)
 *   --only <id>[,<id>]      only these demo datasets
 *   --seed <n>              seed (default 20220930); same seed → byte-identical files
 *   --out <dir>             output directory (default static/data)
 *   --projects <N>          a benchmark dataset of N projects spread over real district
 *                           boundaries (12 monthly rows each), written to <out>/bench-<N>
 *   --id <id>               id of the benchmark dataset (default bench-<N>)
 *   --no-index              do not rewrite <out>/index.json
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetMeta } from '../../src/lib/schema.ts';
import { buildDataset, GENERATOR, writeBuilt } from './build.ts';
import { DEFAULT_SEED, DEMO_DATASETS } from './datasets/index.ts';
import { writeIndex } from './index-file.ts';

export class UsageError extends Error {}

export interface CliOptions {
  force: boolean;
  only: string[] | null;
  seed: number;
  out: string;
  projects: number | null;
  id: string | null;
  index: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    force: false,
    only: null,
    seed: DEFAULT_SEED,
    out: path.join(ROOT, 'static/data'),
    projects: null,
    id: null,
    index: true
  };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => (inline !== undefined ? inline : value(i++, flag));
    switch (flag) {
      case '--force':
        o.force = true;
        break;
      case '--no-index':
        o.index = false;
        break;
      case '--only': {
        o.only = take().split(',').filter(Boolean);
        const known = DEMO_DATASETS.map((d) => d.id);
        const bad = o.only.filter((id) => !known.includes(id));
        if (bad.length) throw new UsageError(`--only: unknown dataset ${bad.join(', ')} (known: ${known.join(', ')})`);
        break;
      }
      case '--seed': {
        const v = take();
        if (!/^\d{1,10}$/.test(v) || Number(v) > 4294967295)
          throw new UsageError(`--seed must be an integer from 0 to 4294967295, got "${v}"`);
        o.seed = Number(v);
        break;
      }
      case '--out':
        o.out = path.resolve(take());
        break;
      case '--projects': {
        const v = take().replaceAll('_', '');
        if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 20_000_000) {
          throw new UsageError(`--projects must be a whole number from 1 to 20000000, got "${v}"`);
        }
        o.projects = Number(v);
        break;
      }
      case '--id': {
        const v = take();
        if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(v)) throw new UsageError(`--id must be lowercase letters, digits and dashes, got "${v}"`);
        o.id = v;
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError(
          'usage: npm run data -- [--force] [--only id,...] [--seed n] [--out dir] [--projects N [--id id]] [--no-index]'
        );
      default:
        throw new UsageError(`unknown option "${a}" (try --help)`);
    }
  }
  if (o.id && o.projects === null) throw new UsageError('--id is only for benchmark datasets (--projects N)');
  return o;
}

export async function run(o: CliOptions, log: (s: string) => void = console.log): Promise<void> {
  if (o.projects !== null) {
    const { writeBench } = await import('./bench.ts');
    const id = o.id ?? `bench-${o.projects}`;
    const t0 = performance.now();
    await writeBench(path.join(o.out, id), { id, projects: o.projects, seed: o.seed });
    log(`${id}: ${o.projects} projects, ${o.projects * 12} monthly rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    for (const plan of DEMO_DATASETS) {
      if (o.only && !o.only.includes(plan.id)) continue;
      const dir = path.join(o.out, plan.id);
      if (!o.force && existsSync(path.join(dir, 'meta.json'))) {
        const made = (JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta).generated;
        if (made?.generator === GENERATOR && made.seed === o.seed) {
          log(`${plan.id}: present (use --force to regenerate)`);
          continue;
        }
        log(`${plan.id}: made by another generator version or seed, regenerating`);
      }
      const t0 = performance.now();
      const built = buildDataset(plan, o.seed);
      await writeBuilt(dir, built);
      const flags = built.meta.discrepancies?.length ?? 0;
      log(
        `${plan.id}: ${built.projects.length} projects, ${built.monthly.length} monthly rows, ${built.problems.length} problems, ` +
          `${flags} published figure(s) flagged, ${((performance.now() - t0) / 1000).toFixed(1)} s`
      );
    }
  }
  if (o.index) await writeIndex(o.out);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`npm run data: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  run(opts).catch((e) => {
    console.error(`npm run data: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
