/**
 * What the public site must not hold besides internal data: source maps, the build machine's
 * paths and environment values; and the manifest of every file it holds, with its SHA-256.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Leak {
  file: string;
  what: string;
}

/** Every file under `dir`, relative with '/' separators, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** A string to look for; a path is found only where it starts a path (`/work/` is not in `/home/runner/work/`). */
export interface Needle {
  what: string;
  value: string;
  path?: boolean;
}

/**
 * The strings that would give the build machine away: its absolute paths (the project's, its
 * parent's, the home folder's) and the values of its environment variables long enough not to be
 * words of the code.
 */
export function machineStrings(env: NodeJS.ProcessEnv, paths: string[]): Needle[] {
  const out: Needle[] = paths.filter((p) => p.length > 4 && p !== '/').map((p) => ({ what: `path ${p}`, value: p, path: true }));
  for (const [key, value] of Object.entries(env)) {
    if (value && value.length >= 16 && !/^[a-z]+$/i.test(value)) out.push({ what: `environment variable ${key}`, value });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function matcher(n: Needle): (text: string) => boolean {
  if (!n.path) return (text) => text.includes(n.value);
  const pattern = new RegExp(`(?<![\\w.~/-])${escape(n.value.replace(/\/$/, ''))}(?![\\w.-])`);
  return (text) => pattern.test(text);
}

/** Which of `needles` each file's text holds (read as Latin-1 too, so every byte of a binary file is seen). */
export function findLeaks(files: { file: string; bytes: Buffer }[], needles: Needle[]): Leak[] {
  const tests = needles.map((n) => ({ what: n.what, test: matcher(n) }));
  const leaks: Leak[] = [];
  for (const { file, bytes } of files) {
    const texts = [bytes.toString('latin1'), bytes.toString('utf8')];
    for (const n of tests) if (texts.some(n.test)) leaks.push({ file, what: n.what });
  }
  return leaks;
}

/** Removes source maps and the comments pointing at them; returns the files removed. */
export async function removeSourceMaps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const file of await listFiles(dir)) {
    const full = path.join(dir, file);
    if (file.endsWith('.map')) {
      await rm(full);
      removed.push(file);
    } else if (/\.(m?js|css)$/.test(file)) {
      const text = await readFile(full, 'utf8');
      const stripped = text.replace(/\n?\/[/*][#@] sourceMappingURL=[^\n*]*(\*\/)?/g, '');
      if (stripped !== text) await writeFile(full, stripped);
    }
  }
  return removed;
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export const MANIFEST_FILE = 'manifest.json';
export const CHECKSUMS_FILE = 'SHA256SUMS';

/** Writes manifest.json and SHA256SUMS (for `sha256sum -c`) of every other file under `dir`. */
export async function writeManifest(dir: string): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  for (const file of await listFiles(dir)) {
    if (file === MANIFEST_FILE || file === CHECKSUMS_FILE) continue;
    const bytes = await readFile(path.join(dir, file));
    entries.push({ path: file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify({ algorithm: 'sha256', files: entries }, null, 1) + '\n');
  await writeFile(path.join(dir, CHECKSUMS_FILE), entries.map((e) => `${e.sha256}  ${e.path}\n`).join(''));
  return entries;
}
