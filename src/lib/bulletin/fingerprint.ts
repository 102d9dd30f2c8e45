/**
 * The data fingerprint a bulletin prints, so a paper copy can be traced to the snapshot it was made
 * from: the first 12 hex digits of SHA-256 over the month's facts file followed by the dataset's
 * meta.json, byte for byte as the server sends them. Anyone can recompute it:
 * `cat facts/2022-09.parquet meta.json | sha256sum | cut -c1-12`.
 */
import { factsFile } from '../schema.ts';
import { datasetFile } from '../db/data-source.ts';
import { sha256Hex } from './sha256.ts';

export const FINGERPRINT_LENGTH = 12;

/** The files a month's bulletin is made from, in hashing order. */
export function fingerprintFiles(datasetId: string, month: string): string[] {
  return [datasetFile(datasetId, factsFile(month)), datasetFile(datasetId, 'meta.json')];
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return all;
}

/** The fingerprint of the files' bytes, concatenated in order. */
export function dataFingerprint(parts: readonly Uint8Array[]): string {
  return sha256Hex(concat(parts)).slice(0, FINGERPRINT_LENGTH);
}

/**
 * The same fingerprint, by WebCrypto where the page has it (a secure context: fast, off the main
 * thread) and by the plain-JS digest where it has not (an intranet over plain HTTP).
 */
export async function dataFingerprintAsync(parts: readonly Uint8Array[]): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return dataFingerprint(parts);
  const digest = new Uint8Array(await subtle.digest('SHA-256', concat(parts)));
  return [...digest]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, FINGERPRINT_LENGTH);
}
