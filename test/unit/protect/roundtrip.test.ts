/**
 * Encrypting and decrypting whole files (src/lib/protect/chunked.ts) with WebCrypto and with
 * @noble: each decrypts what the other encrypted, byte for byte, and any change is refused.
 */
import { describe, expect, it } from 'vitest';
import { DecryptError } from '../../../src/lib/protect/cipher.ts';
import { decryptWhole, encryptChunked } from '../../../src/lib/protect/chunked.ts';
import { chunkLengths } from '../../../src/lib/protect/format.ts';
import { ciphers, seededBytes, seededRandom } from './fixture.ts';

const PATH = 'data/liuzhou-2022/meta.json';
const key = seededBytes(32, 99);
const plain = seededBytes(300_000, 3);
const lengths = chunkLengths(plain.length, [4, 70_000, 70_001], 100_000);

describe('a protected file', () => {
  it('decrypts to its plaintext with either implementation, whichever encrypted it', async () => {
    const all = await ciphers();
    for (const by of Object.values(all)) {
      const sealed = await encryptChunked(plain, lengths, key, PATH, by, seededRandom());
      for (const reader of Object.values(all)) expect(await decryptWhole(sealed, key, PATH, reader)).toEqual(plain);
    }
  });

  it('is the same bytes from either implementation given the same nonces', async () => {
    const { webcrypto, noble } = await ciphers();
    const a = await encryptChunked(plain, lengths, key, PATH, webcrypto, seededRandom());
    const b = await encryptChunked(plain, lengths, key, PATH, noble, seededRandom());
    expect(a).toEqual(b);
  });

  it('round-trips an empty file', async () => {
    const { webcrypto, noble } = await ciphers();
    const sealed = await encryptChunked(new Uint8Array(0), [0], key, PATH, webcrypto);
    expect(await decryptWhole(sealed, key, PATH, noble)).toEqual(new Uint8Array(0));
  });

  it('is refused when any byte of it is changed: header, nonce, ciphertext or tag', async () => {
    const all = await ciphers();
    const sealed = await encryptChunked(plain, lengths, key, PATH, all.webcrypto, seededRandom());
    for (const at of [5, 13, 30, 60, 70, 5000, 70_100, sealed.length - 1]) {
      const changed = sealed.slice();
      changed[at] ^= 1;
      for (const cipher of Object.values(all)) await expect(decryptWhole(changed, key, PATH, cipher)).rejects.toBeInstanceOf(DecryptError);
    }
  });

  it('is refused cut short, under another key, or under another name', async () => {
    const { webcrypto, noble } = await ciphers();
    const sealed = await encryptChunked(plain, lengths, key, PATH, webcrypto);
    await expect(decryptWhole(sealed.subarray(0, sealed.length - 100), key, PATH, noble)).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptWhole(sealed, seededBytes(32, 5), PATH, noble)).rejects.toBeInstanceOf(DecryptError);
    await expect(decryptWhole(sealed, key, 'data/guiyang-2021/meta.json', webcrypto)).rejects.toBeInstanceOf(DecryptError);
  });
});
