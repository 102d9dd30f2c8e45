/**
 * The protected build's key file (`data/protection.json`, the one data file left readable): the
 * salt and iteration count of PBKDF2-SHA-256, and the build's random data key wrapped (AES-256-GCM)
 * once per passphrase, so each audience's passphrase opens the same files. It holds no data and
 * nothing from which a passphrase could be found faster than by trying it.
 *
 * One salt serves every slot, so a passphrase is stretched once however many audiences there are
 * (about 1 s without WebCrypto). The price: a guess can be tried against every slot for the cost
 * of one, which gains an attacker a factor of the number of passphrases, no more.
 */
import type { Cipher } from './cipher.ts';
import { DecryptError } from './cipher.ts';
import { randomBytes, type RandomBytes } from './chunked.ts';
import { NONCE_BYTES } from './format.ts';

export const KEY_FILE = 'data/protection.json';

/**
 * Which of a site's files a protected build encrypts, by their path in the site: the dataset
 * index and everything in a dataset's folder. `data/index.html` is the analyst's page and
 * `config/` is the site's configuration, both left as they are. The build (scripts/protect) and
 * the browser's data source both decide by this.
 */
export function isDataFile(sitePath: string): boolean {
  const parts = sitePath.split('/');
  if (parts[0] !== 'data' || sitePath === KEY_FILE) return false;
  return sitePath === 'data/index.json' || parts.length > 2;
}
export const MIN_ITERATIONS = 600_000;
export const DATA_KEY_BYTES = 32;

export interface KeyFile {
  format: 'command-map-protected';
  version: 1;
  /** Random per build: a remembered key belongs to one build. */
  build: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  /** The data key, wrapped under each passphrase's key: base64 of nonce | ciphertext | tag. */
  slots: string[];
  /** A known text sealed with the data key: checks a remembered key without reading a data file. */
  check: string;
}

const utf8 = new TextEncoder();
const CHECK_TEXT = 'command-map protected build';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** How a passphrase is read, at build time and in the browser alike: NFC, without surrounding spaces. */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC').trim();
}

async function seal(cipher: Cipher, key: Uint8Array, plain: Uint8Array, aad: string, random: RandomBytes): Promise<string> {
  const nonce = random(NONCE_BYTES);
  const sealed = await cipher.encrypt(key, nonce, plain, utf8.encode(aad));
  const out = new Uint8Array(nonce.length + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, nonce.length);
  return toBase64(out);
}

function open(cipher: Cipher, key: Uint8Array, text: string, aad: string): Promise<Uint8Array> {
  const bytes = fromBase64(text);
  return cipher.decrypt(key, bytes.subarray(0, NONCE_BYTES), bytes.subarray(NONCE_BYTES), utf8.encode(aad));
}

/** A new build's key file for `passphrases`, with the data key it wraps. */
export async function createKeyFile(
  passphrases: string[],
  cipher: Cipher,
  iterations = MIN_ITERATIONS,
  random: RandomBytes = randomBytes
): Promise<{ keyFile: KeyFile; dataKey: Uint8Array }> {
  if (iterations < MIN_ITERATIONS) throw new Error(`PBKDF2 iterations must be at least ${MIN_ITERATIONS}`);
  if (passphrases.length === 0) throw new Error('no passphrase given');
  const dataKey = random(DATA_KEY_BYTES);
  const salt = random(16);
  const build = Array.from(random(8), (b) => b.toString(16).padStart(2, '0')).join('');
  const slots: string[] = [];
  for (const passphrase of passphrases) {
    const wrapping = await cipher.pbkdf2(normalizePassphrase(passphrase), salt, iterations);
    slots.push(await seal(cipher, wrapping, dataKey, `slot:${build}`, random));
  }
  const keyFile: KeyFile = {
    format: 'command-map-protected',
    version: 1,
    build,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    slots,
    check: await seal(cipher, dataKey, utf8.encode(CHECK_TEXT), `check:${build}`, random)
  };
  return { keyFile, dataKey };
}

/** Whether `value` is a key file this version of the app can use. */
export function isKeyFile(value: unknown): value is KeyFile {
  const k = value as KeyFile | null;
  return (
    !!k &&
    k.format === 'command-map-protected' &&
    k.version === 1 &&
    typeof k.build === 'string' &&
    Array.isArray(k.slots) &&
    k.slots.every((s) => typeof s === 'string') &&
    typeof k.check === 'string' &&
    k.kdf?.name === 'PBKDF2' &&
    k.kdf.hash === 'SHA-256' &&
    Number.isInteger(k.kdf.iterations) &&
    k.kdf.iterations >= MIN_ITERATIONS &&
    typeof k.kdf.salt === 'string'
  );
}

/** The data key `passphrase` unwraps, or null when it opens no slot. */
export async function unlockWithPassphrase(keyFile: KeyFile, passphrase: string, cipher: Cipher): Promise<Uint8Array | null> {
  const wrapping = await cipher.pbkdf2(normalizePassphrase(passphrase), fromBase64(keyFile.kdf.salt), keyFile.kdf.iterations);
  for (const slot of keyFile.slots) {
    try {
      return await open(cipher, wrapping, slot, `slot:${keyFile.build}`);
    } catch (err) {
      if (!(err instanceof DecryptError)) throw err;
    }
  }
  return null;
}

/** Whether `dataKey` (remembered for the browser session) is this build's. */
export async function isBuildKey(keyFile: KeyFile, dataKey: Uint8Array, cipher: Cipher): Promise<boolean> {
  try {
    const text = await open(cipher, dataKey, keyFile.check, `check:${keyFile.build}`);
    return new TextDecoder().decode(text) === CHECK_TEXT;
  } catch (err) {
    if (err instanceof DecryptError) return false;
    throw err;
  }
}
