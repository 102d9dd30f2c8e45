/**
 * Reading a protected Parquet file by ranges (src/lib/protect/encrypted-file.ts) as the browser
 * does, with parquet-wasm reading through the Blob-like reader: the same rows as the plain file,
 * only the chunks of the row groups asked for fetched, and a changed chunk refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ParquetFile, readParquet } from 'parquet-wasm/node';
import { tableFromIPC } from 'apache-arrow';
import { DecryptError } from '../../../src/lib/protect/cipher.ts';
import { encryptChunked } from '../../../src/lib/protect/chunked.ts';
import { asBlob, openEncrypted, untilFailure, type RangedPlaintext } from '../../../src/lib/protect/encrypted-file.ts';
import { chunkLengths } from '../../../src/lib/protect/format.ts';
import { MAX_CHUNK, parquetCuts } from '../../../scripts/protect/cuts.ts';
import { ciphers, GROUP_ROWS, manyRowGroups, memoryFile, seededBytes } from './fixture.ts';

const PATH = 'data/demo/projects.parquet';
const key = seededBytes(32, 11);
let dir: string;
let plain: Uint8Array;
let sealed: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-protect-ranged-'));
  const file = await manyRowGroups(dir);
  plain = new Uint8Array(await readFile(file));
  const { webcrypto } = await ciphers();
  sealed = await encryptChunked(plain, chunkLengths(plain.length, await parquetCuts(file), MAX_CHUNK), key, PATH, webcrypto);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function rowGroup(file: RangedPlaintext, group: number, columns: string[]) {
  const reader = await ParquetFile.fromFile(asBlob(file));
  try {
    return tableFromIPC((await reader.read({ rowGroups: [group], columns })).intoIPCStream());
  } finally {
    reader.free();
  }
}

describe('a protected Parquet file read by ranges', () => {
  it('gives the rows of a row group exactly as the plain file does, with either implementation', async () => {
    const plainRows = tableFromIPC(readParquet(plain).intoIPCStream())
      .toArray()
      .slice(3 * GROUP_ROWS, 4 * GROUP_ROWS);
    for (const cipher of Object.values(await ciphers())) {
      const opened = await openEncrypted(memoryFile(sealed), PATH, { key, cipher });
      if (!('ranged' in opened)) throw new Error('expected a ranged reader');
      const rows = (await rowGroup(opened.ranged, 3, ['id', 'name', 'amount', 'note'])).toArray();
      expect(rows.map((r) => String(Object.values(r)))).toEqual(plainRows.map((r) => String(Object.values(r))));
    }
  });

  it('fetches the header, the footer and that row group, a small part of the file', async () => {
    const { noble } = await ciphers();
    const requests: ([number, number] | 'whole')[] = [];
    const opened = await openEncrypted(memoryFile(sealed, requests), PATH, { key, cipher: noble });
    if (!('ranged' in opened)) throw new Error('expected a ranged reader');
    await rowGroup(opened.ranged, 2, ['id', 'note']);
    expect(requests).not.toContain('whole');
    const fetched = requests.reduce((n, r) => n + (r === 'whole' ? 0 : Math.min(r[1], sealed.length) - r[0]), 0);
    expect(fetched).toBeLessThan(sealed.length / 4);
  });

  it('gives the whole plaintext when the server ignores ranges', async () => {
    const { webcrypto } = await ciphers();
    const opened = await openEncrypted(memoryFile(sealed, [], false), PATH, { key, cipher: webcrypto });
    expect('bytes' in opened && opened.bytes).toEqual(plain);
  });

  it('refuses a changed chunk when it is read, and says it did not decrypt, without leaving the Parquet reader hanging', async () => {
    const { webcrypto } = await ciphers();
    const changed = sealed.slice();
    changed[Math.floor(sealed.length / 2)] ^= 1;
    const opened = await openEncrypted(memoryFile(changed), PATH, { key, cipher: webcrypto });
    if (!('ranged' in opened)) throw new Error('expected a ranged reader');
    const blob = asBlob(opened.ranged);
    const reading = (async () => {
      const reader = await untilFailure(blob, ParquetFile.fromFile(blob));
      for (let g = 0; g < 5; g++) await untilFailure(blob, reader.read({ rowGroups: [g] }));
    })();
    await expect(reading).rejects.toBeInstanceOf(DecryptError);
  });

  it('refuses to open under a wrong key at the first chunk read', async () => {
    const { noble } = await ciphers();
    const opened = await openEncrypted(memoryFile(sealed), PATH, { key: seededBytes(32, 12), cipher: noble });
    if (!('ranged' in opened)) throw new Error('expected a ranged reader');
    await expect(opened.ranged.read(0, 8)).rejects.toBeInstanceOf(DecryptError);
  });
});
