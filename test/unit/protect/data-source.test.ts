/**
 * The data source (src/lib/db/data-source.ts) over a protected build: without the key the first
 * encrypted file says the build is locked; with it, files come back decrypted; a changed file is
 * refused by name.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataLockedError, staticDataSource } from '../../../src/lib/db/data-source.ts';
import { DataLoadError } from '../../../src/lib/db/errors.ts';
import { encryptChunked } from '../../../src/lib/protect/chunked.ts';
import { webCryptoCipher } from '../../../src/lib/protect/cipher.ts';
import { seededBytes } from './fixture.ts';

const FILE = 'data/index.json';
const INDEX = [{ id: 'liuzhou-2022', name: { zh: '柳州', en: 'Liuzhou' } }];
const key = seededBytes(32, 21);

async function serve(body: Uint8Array): Promise<string[]> {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(new URL(url).pathname);
    return new Response(body.slice(), { status: 200 });
  });
  return asked;
}

async function sealedIndex(path = FILE): Promise<Uint8Array> {
  const plain = new TextEncoder().encode(JSON.stringify(INDEX));
  return encryptChunked(plain, [plain.length], key, path, webCryptoCipher(globalThis.crypto.subtle));
}

afterEach(() => vi.unstubAllGlobals());

describe('the data source of a protected build', () => {
  it('says the build is locked when it meets an encrypted file without the key', async () => {
    await serve(await sealedIndex());
    await expect(staticDataSource('/command-map').json(FILE)).rejects.toBeInstanceOf(DataLockedError);
  });

  it('reads the file decrypted with the key', async () => {
    const asked = await serve(await sealedIndex());
    expect(await staticDataSource('/command-map', key).json(FILE)).toEqual(INDEX);
    expect(asked).toEqual(['/command-map/data/index.json']);
  });

  it('refuses, naming it, a file encrypted for another name or changed', async () => {
    await serve(await sealedIndex('data/other/index.json'));
    const err = await staticDataSource('', key)
      .json(FILE)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataLoadError);
    expect((err as DataLoadError).userMessage).toEqual({ key: 'error.decrypt', params: { file: FILE } });
  });

  it('reads the site config as it is with the key: the build never encrypts it', async () => {
    const presets = { presets: {} };
    await serve(new TextEncoder().encode(JSON.stringify(presets)));
    expect(await staticDataSource('', key).json('config/presets.json')).toEqual(presets);
  });

  it('reads a plain build as before when no key is given', async () => {
    await serve(new TextEncoder().encode(JSON.stringify(INDEX)));
    expect(await staticDataSource('').json(FILE)).toEqual(INDEX);
  });
});
