/** Shared pieces of the protected build's tests: both ciphers, a file served from memory, a Parquet file of many row groups. */
import path from 'node:path';
import { nobleCipher, webCryptoCipher, type Cipher } from '../../../src/lib/protect/cipher.ts';
import type { FetchFile } from '../../../src/lib/protect/encrypted-file.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';

export const PROJECTS = 'static/data/liuzhou-2022/projects.parquet';

export async function ciphers(): Promise<Record<'webcrypto' | 'noble', Cipher>> {
  return { webcrypto: webCryptoCipher(globalThis.crypto.subtle), noble: await nobleCipher() };
}

/** Seeded bytes (xorshift): the same in every run. */
export function seededBytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A deterministic stand-in for crypto.getRandomValues. */
export function seededRandom(seed = 7): (n: number) => Uint8Array {
  let next = seed;
  return (n) => seededBytes(n, next++);
}

/** `bytes` as a static server with range requests would send them, every request logged. */
export function memoryFile(bytes: Uint8Array, requests: ([number, number] | 'whole')[] = [], ranges = true): FetchFile {
  return async (range) => {
    requests.push(range ?? 'whole');
    if (!range || !ranges) return new Response(bytes.slice(), { status: 200 });
    const end = Math.min(range[1], bytes.length);
    return new Response(bytes.slice(range[0], end), { status: 206 });
  };
}

export const GROUP_ROWS = 2048;
export const ROWS = 5 * GROUP_ROWS;

/** A Parquet file of five row groups (DuckDB cuts row groups at 2,048 rows at the least), into `dir`. */
export async function manyRowGroups(dir: string): Promise<string> {
  const file = path.join(dir, 'groups.parquet');
  const conn = await openDuckDB();
  try {
    const rows = `SELECT i AS id, 'project ' || i AS name, (i * 1.5)::DECIMAL(18, 2) AS amount, md5(i::VARCHAR) AS note FROM range(${ROWS}) t(i)`;
    await conn.run(`COPY (${rows}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE ${GROUP_ROWS}, COMPRESSION zstd)`);
  } finally {
    conn.closeSync();
  }
  return file;
}
