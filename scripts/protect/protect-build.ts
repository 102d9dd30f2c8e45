/**
 * The protected build: a copy of a finished build whose dataset files are encrypted (the site's
 * code, styles and the data page's HTML are copied as they are) and a key file that opens them.
 */
import { cp, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { webCryptoCipher, type Cipher } from '../../src/lib/protect/cipher.ts';
import { encryptChunked } from '../../src/lib/protect/chunked.ts';
import { chunkLengths } from '../../src/lib/protect/format.ts';
import { isDataFile, KEY_FILE, MIN_ITERATIONS, createKeyFile } from '../../src/lib/protect/keys.ts';

export { isDataFile };
import { MAX_CHUNK, parquetCuts } from './cuts.ts';

export interface ProtectOptions {
  /** The finished build to protect. */
  from: string;
  /** Written anew (replaced whole once complete). */
  to: string;
  passphrases: string[];
  iterations?: number;
  cipher?: Cipher;
  log?: (line: string) => void;
}

export interface ProtectReport {
  encrypted: string[];
  /**
   * Precompressed copies of data files (.gz, .br): plaintext in all but name; and the site
   * config's examples, documentation that may cite a plan's title: not copied.
   */
  dropped: string[];
}

const PRECOMPRESSED = /\.(gz|br|zst)$/;
const CONFIG_EXAMPLE = /^config\/[^/]+\.example\.json$/;

async function filesUnder(dir: string, root = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), root) : [path.relative(root, path.join(dir, e.name))]))
  );
  return nested.flat().sort();
}

/** Encrypts one file of the build in place (in the copy). */
async function encryptFile(file: string, sitePath: string, key: Uint8Array, cipher: Cipher): Promise<void> {
  const plain = new Uint8Array(await readFile(file));
  const cuts = sitePath.endsWith('.parquet') ? await parquetCuts(file) : [];
  await writeFile(file, await encryptChunked(plain, chunkLengths(plain.length, cuts, MAX_CHUNK), key, sitePath, cipher));
}

export async function protectBuild(options: ProtectOptions): Promise<ProtectReport> {
  const { from, to, passphrases, iterations = MIN_ITERATIONS, log = () => undefined } = options;
  const cipher = options.cipher ?? webCryptoCipher(globalThis.crypto.subtle);
  if (!(await stat(path.join(from, 'index.html')).catch(() => null))) throw new Error(`${from} is not a finished build (no index.html)`);
  if (!(await stat(path.join(from, 'data/index.json')).catch(() => null))) throw new Error(`${from} has no data/index.json`);
  const inside = path.relative(path.resolve(from), path.resolve(to));
  if (!inside.startsWith('..') && !path.isAbsolute(inside))
    throw new Error(`${to} is inside ${from}: the protected build must be written elsewhere`);
  const work = `${to}.partial`;
  await rm(work, { recursive: true, force: true });
  await mkdir(path.dirname(path.resolve(work)), { recursive: true });
  await cp(from, work, { recursive: true, dereference: true });
  const { keyFile, dataKey } = await createKeyFile(passphrases, cipher, iterations);
  const report: ProtectReport = { encrypted: [], dropped: [] };
  for (const relative of await filesUnder(work)) {
    const sitePath = relative.split(path.sep).join('/');
    const file = path.join(work, relative);
    if ((PRECOMPRESSED.test(sitePath) && isDataFile(sitePath.replace(PRECOMPRESSED, ''))) || CONFIG_EXAMPLE.test(sitePath)) {
      await rm(file);
      report.dropped.push(sitePath);
      continue;
    }
    if (!isDataFile(sitePath)) continue;
    await encryptFile(file, sitePath, dataKey, cipher);
    report.encrypted.push(sitePath);
    log(`encrypted ${sitePath}`);
  }
  await writeFile(path.join(work, KEY_FILE), `${JSON.stringify(keyFile, null, 2)}\n`);
  await rm(to, { recursive: true, force: true });
  await rename(work, to);
  return report;
}
