/** The chunked format's header and its arithmetic (src/lib/protect/format.ts). */
import { describe, expect, it } from 'vitest';
import {
  CHUNK_OVERHEAD,
  chunkLengths,
  chunkPlaces,
  chunksCovering,
  decodeHeader,
  encodeHeader,
  encryptedLength,
  isEncrypted
} from '../../../src/lib/protect/format.ts';
import { seededBytes } from './fixture.ts';

describe('the protected file format', () => {
  it('reads back the header it writes', () => {
    const id = seededBytes(16);
    const header = decodeHeader(encodeHeader(id, [10, 0, 2 ** 20]))!;
    expect(header.fileId).toEqual(id);
    expect(header.lengths).toEqual([10, 0, 2 ** 20]);
    expect(header.size).toBe(10 + 2 ** 20);
    expect(header.headerLength).toBe(40 + 3 * 4);
  });

  it('refuses a header cut short or whose lengths do not add up to its size', () => {
    const bytes = encodeHeader(seededBytes(16), [5, 6]);
    expect(decodeHeader(bytes.subarray(0, bytes.length - 1))).toBeNull();
    const wrong = bytes.slice();
    wrong[28] += 1;
    expect(decodeHeader(wrong)).toBeNull();
  });

  it('knows its own files by their first bytes and nothing else', () => {
    expect(isEncrypted(encodeHeader(seededBytes(16), [1]))).toBe(true);
    expect(isEncrypted(new TextEncoder().encode('PAR1....'))).toBe(false);
    expect(isEncrypted(new TextEncoder().encode('[{"id":1}]'))).toBe(false);
  });

  it('places each chunk after the header and the chunks before it, 28 bytes longer than its plaintext', () => {
    const header = { lengths: [100, 50, 7], headerLength: 52 };
    expect(chunkPlaces(header).map((p) => [p.plainStart, p.cipherStart, p.cipherLength])).toEqual([
      [0, 52, 128],
      [100, 180, 78],
      [150, 258, 35]
    ]);
    expect(encryptedLength(header)).toBe(52 + 157 + 3 * CHUNK_OVERHEAD);
  });

  it('maps a plaintext range to the chunks that hold it', () => {
    const places = chunkPlaces({ lengths: [100, 50, 7], headerLength: 52 });
    expect(chunksCovering(places, 0, 1).map((p) => p.index)).toEqual([0]);
    expect(chunksCovering(places, 99, 101).map((p) => p.index)).toEqual([0, 1]);
    expect(chunksCovering(places, 150, 157).map((p) => p.index)).toEqual([2]);
    expect(chunksCovering(places, 120, 120)).toEqual([]);
  });

  it('cuts where asked and never makes a chunk longer than the limit', () => {
    expect(chunkLengths(100, [40, 0, 40, 100, 150], 30)).toEqual([30, 10, 30, 30]);
    expect(chunkLengths(0, [], 30)).toEqual([0]);
  });
});
