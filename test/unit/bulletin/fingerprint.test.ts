import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFingerprint, dataFingerprintAsync, fingerprintFiles } from '../../../src/lib/bulletin/fingerprint.ts';
import { sha256Hex } from '../../../src/lib/bulletin/sha256.ts';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 digests of "" and "abc"', () => {
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it("equals Node's digest at every length around the padding boundaries", () => {
    for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(sha256Hex(bytes), `length ${n}`).toBe(nodeSha(bytes));
    }
  });
});

describe('dataFingerprint', () => {
  it("is the first 12 hex digits of SHA-256 over the month's facts file then meta.json", () => {
    const files = fingerprintFiles('liuzhou-2022', '2022-09');
    expect(files).toEqual(['data/liuzhou-2022/facts/2022-09.parquet', 'data/liuzhou-2022/meta.json']);
    const bytes = files.map((f) => new Uint8Array(readFileSync(`static/${f}`)));
    expect(dataFingerprint(bytes)).toBe(nodeSha(Buffer.concat(bytes)).slice(0, 12));
    expect(dataFingerprint(bytes)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is the same by WebCrypto as by the plain-JS digest', async () => {
    const bytes = fingerprintFiles('liuzhou-2022', '2022-09').map((f) => new Uint8Array(readFileSync(`static/${f}`)));
    expect(await dataFingerprintAsync(bytes)).toBe(dataFingerprint(bytes));
  });

  it('changes when a byte of the data changes', () => {
    const a = new TextEncoder().encode('facts');
    expect(dataFingerprint([a, new Uint8Array([1])])).not.toBe(dataFingerprint([a, new Uint8Array([2])]));
  });
});
