/**
 * npm run build:public [-- --config <file>] [--out <folder>]
 *
 * The public site: the embed's routes only (src/routes-public/) and the public derivative of each
 * dataset (public-dataset.ts), into build-public/ (or --out). The configuration is
 * public-build.json at the project root when present (see public-build.example.json here).
 * Fails, naming the file, if the output holds a path or an environment value of this machine;
 * source maps are removed; manifest.json and SHA256SUMS list every file with its SHA-256.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs as parseDataArgs, run as generateData } from '../generate/cli.ts';
import { precompress } from '../precompress.mjs';
import { parsePublicBuildConfig, PublicConfigError } from './config.ts';
import { findLeaks, listFiles, machineStrings, removeSourceMaps, writeManifest } from './output-check.ts';
import { buildPublicData } from './public-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Options {
  config: string;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { config: path.join(ROOT, 'public-build.json'), out: path.join(ROOT, 'build-public') };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new PublicConfigError(`${flag} needs a value`);
    if (flag === '--config') o.config = path.resolve(value);
    else if (flag === '--out') o.out = path.resolve(value);
    else throw new PublicConfigError(`unknown option ${flag} (--config <file>, --out <folder>)`);
  }
  return o;
}

/**
 * The checkout's parent folder, looked for too (a sibling's path), unless it is a system folder
 * every machine has: DuckDB's engine holds "/tmp/" itself, so a checkout under /tmp would fail.
 */
const SYSTEM_FOLDERS = new Set(['/tmp/', '/var/', '/usr/', '/home/', '/root/', '/opt/', '/srv/', '/etc/', '/run/', '/mnt/']);
function parentOf(root: string): string[] {
  const parent = path.dirname(root) + '/';
  return SYSTEM_FOLDERS.has(parent) ? [] : [parent];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = parsePublicBuildConfig(existsSync(options.config) ? JSON.parse(await readFile(options.config, 'utf8')) : {});
  await generateData(parseDataArgs([]), (m) => console.log(m));

  const staging = path.join(ROOT, '.svelte-kit/public-static');
  await rm(staging, { recursive: true, force: true });
  await cp(path.join(ROOT, 'static'), staging, { recursive: true, filter: (src) => !src.startsWith(path.join(ROOT, 'static/data')) });
  await mkdir(path.join(staging, 'data'), { recursive: true });
  const data = await buildPublicData(path.join(ROOT, 'static/data'), path.join(staging, 'data'), config);
  console.log(
    `public datasets: ${data.written.join(', ') || 'none'}${data.leftOut.length ? `; left out: ${data.leftOut.join(', ')}` : ''}`
  );

  await rm(options.out, { recursive: true, force: true });
  const env = { ...process.env, COMMAND_MAP_PUBLIC_BUILD: '1', COMMAND_MAP_PUBLIC_STATIC: staging, BUILD_DIR: options.out };
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', env });

  const maps = await removeSourceMaps(options.out);
  if (maps.length) console.log(`source maps removed: ${maps.join(', ')}`);
  const files = await listFiles(options.out);
  const contents = await Promise.all(files.map(async (file) => ({ file, bytes: await readFile(path.join(options.out, file)) })));
  const leaks = findLeaks(contents, machineStrings(process.env, [ROOT, ...parentOf(ROOT), homedir()]));
  if (leaks.length) {
    for (const l of leaks) console.error(`${l.file}: holds the ${l.what}`);
    throw new PublicConfigError(
      `the public build holds ${leaks.length} trace(s) of this machine; nothing should be published from ${options.out}`
    );
  }
  // After the scan: the compressed copies hide their text, and are copies of files just scanned.
  await precompress(options.out);
  const manifest = await writeManifest(options.out);
  console.log(`${options.out}: ${manifest.length} files, listed with their SHA-256 in manifest.json and SHA256SUMS`);
}

main().catch((err: unknown) => {
  console.error(err instanceof PublicConfigError ? `build:public: ${err.message}` : err);
  process.exit(1);
});
