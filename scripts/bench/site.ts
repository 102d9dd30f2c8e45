/**
 * The site under test: the production build (built once into its own folder, or an existing build
 * reused), with the benchmark datasets hard-linked into its data/ folder and an index of them.
 * static/data and build/ are never touched.
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DatasetMeta } from '../../src/lib/schema.ts';

export const BENCH_BUILD_DIR = '.svelte-kit/bench-build';

function copyLinked(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const a = path.join(from, name);
    const b = path.join(to, name);
    if (statSync(a).isDirectory()) copyLinked(a, b);
    else {
      try {
        linkSync(a, b);
      } catch {
        cpSync(a, b);
      }
    }
  }
}

/** Builds (or copies `fromBuild`) into BENCH_BUILD_DIR, replacing its data/ with the given datasets. */
export function prepareSite(opts: {
  dir?: string;
  fromBuild: string | null;
  base: string;
  datasets: { dir: string; projects: number }[];
  log: (s: string) => void;
}): string {
  const dir = opts.dir ?? BENCH_BUILD_DIR;
  if (opts.fromBuild && path.resolve(opts.fromBuild) === path.resolve(dir)) {
    opts.log(`reusing the bench build in ${dir}`);
  } else if (opts.fromBuild) {
    rmSync(dir, { recursive: true, force: true });
    if (!existsSync(path.join(opts.fromBuild, 'index.html'))) throw new Error(`--from-build ${opts.fromBuild}: no index.html there`);
    opts.log(`reusing the build in ${opts.fromBuild}`);
    copyLinked(opts.fromBuild, dir);
  } else {
    rmSync(dir, { recursive: true, force: true });
    opts.log(`building into ${dir} …`);
    execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BUILD_DIR: dir, BASE_PATH: opts.base } });
    execSync(`node scripts/precompress.mjs ${JSON.stringify(dir)}`, { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // data/index.html is the data page (its route shares the folder with the datasets).
  const dataPage = path.join(dir, 'data', 'index.html');
  const page = existsSync(dataPage) ? readFileSync(dataPage) : null;
  rmSync(path.join(dir, 'data'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'data'));
  if (page) writeFileSync(dataPage, page);
  const index = opts.datasets.map(({ dir: ds, projects }) => {
    const meta = JSON.parse(readFileSync(path.join(ds, 'meta.json'), 'utf8')) as DatasetMeta;
    copyLinked(ds, path.join(dir, 'data', meta.id));
    return { id: meta.id, name: meta.name, year: meta.year, projects };
  });
  writeFileSync(path.join(dir, 'data', 'index.json'), JSON.stringify(index, null, 2) + '\n');
  return dir;
}

export interface BuildSize {
  /** Every file of the build except data/. */
  total_bytes: number;
  total_gzip_bytes: number;
  js_bytes: number;
  js_gzip_bytes: number;
  wasm_bytes: number;
  wasm_gzip_bytes: number;
  /** What the map page downloads before data: measured in the browser (bytes.app). */
  files: number;
}

export function buildSize(dir: string): BuildSize {
  const s: BuildSize = { total_bytes: 0, total_gzip_bytes: 0, js_bytes: 0, js_gzip_bytes: 0, wasm_bytes: 0, wasm_gzip_bytes: 0, files: 0 };
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (path.relative(dir, p) === 'data') continue;
      if (statSync(p).isDirectory()) {
        walk(p);
        continue;
      }
      const bytes = readFileSync(p);
      const gz = /\.(js|mjs|wasm|css|html|json|svg|geojson)$/.test(name) ? gzipSync(bytes, { level: 6 }).length : bytes.length;
      s.files += 1;
      s.total_bytes += bytes.length;
      s.total_gzip_bytes += gz;
      if (/\.(m?js)$/.test(name)) {
        s.js_bytes += bytes.length;
        s.js_gzip_bytes += gz;
      } else if (name.endsWith('.wasm')) {
        s.wasm_bytes += bytes.length;
        s.wasm_gzip_bytes += gz;
      }
    }
  };
  walk(dir);
  return s;
}
