/**
 * Encrypting a file into the chunked format (format.ts) and decrypting it whole or a chunk at a
 * time. The key is the build's data key; `path` is the file's name in the site
 * (`data/liuzhou-2022/meta.json`), authenticated with every chunk.
 */
import type { Cipher } from './cipher.ts';
import { DecryptError } from './cipher.ts';
import {
  FILE_ID_BYTES,
  NONCE_BYTES,
  chunkAad,
  chunkPlaces,
  decodeHeader,
  encodeHeader,
  encryptedLength,
  type ChunkPlace,
  type EncryptedHeader
} from './format.ts';

export type RandomBytes = (n: number) => Uint8Array;

export const randomBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/** `plain` as a protected file cut into chunks of `lengths` (which must add up to its length). */
export async function encryptChunked(
  plain: Uint8Array,
  lengths: number[],
  key: Uint8Array,
  path: string,
  cipher: Cipher,
  random: RandomBytes = randomBytes
): Promise<Uint8Array> {
  const headerBytes = encodeHeader(random(FILE_ID_BYTES), lengths);
  const header = decodeHeader(headerBytes);
  if (!header || header.size !== plain.length) throw new Error(`chunk lengths add up to ${header?.size}, not ${plain.length} bytes`);
  const out = new Uint8Array(encryptedLength(header));
  out.set(headerBytes, 0);
  for (const place of chunkPlaces(header)) {
    const nonce = random(NONCE_BYTES);
    const piece = plain.subarray(place.plainStart, place.plainStart + place.plainLength);
    out.set(nonce, place.cipherStart);
    out.set(await cipher.encrypt(key, nonce, piece, chunkAad(header, place, path)), place.cipherStart + NONCE_BYTES);
  }
  return out;
}

/** One chunk's plaintext from its encrypted bytes (nonce to tag). */
export function decryptChunk(
  header: EncryptedHeader,
  place: ChunkPlace,
  sealed: Uint8Array,
  key: Uint8Array,
  path: string,
  cipher: Cipher
): Promise<Uint8Array> {
  if (sealed.length !== place.cipherLength) return Promise.reject(new DecryptError());
  return cipher.decrypt(key, sealed.subarray(0, NONCE_BYTES), sealed.subarray(NONCE_BYTES), chunkAad(header, place, path));
}

/** A whole protected file's plaintext; rejects with DecryptError when anything in it was changed or cut. */
export async function decryptWhole(bytes: Uint8Array, key: Uint8Array, path: string, cipher: Cipher): Promise<Uint8Array> {
  const header = decodeHeader(bytes);
  if (!header || encryptedLength(header) !== bytes.length) throw new DecryptError();
  const out = new Uint8Array(header.size);
  for (const place of chunkPlaces(header)) {
    const sealed = bytes.subarray(place.cipherStart, place.cipherStart + place.cipherLength);
    out.set(await decryptChunk(header, place, sealed, key, path, cipher), place.plainStart);
  }
  return out;
}
