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

/** The fingerprint of the files' bytes, concatenated in order. */
export function dataFingerprint(parts: readonly Uint8Array[]): string {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return sha256Hex(all).slice(0, FINGERPRINT_LENGTH);
}
