import { describe, expect, it } from 'vitest';
import { inChunks } from '../../../src/lib/views/filters/chunks.ts';

describe('inChunks (a long filter list laid out a chunk at a time)', () => {
  const values = Array.from({ length: 123 }, (_, i) => `d${i}`);

  it('keeps every value once, in order, in runs of the size with the rest last', () => {
    const chunks = inChunks(values, 50);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 23]);
    expect(chunks.flat()).toEqual(values);
    expect(chunks[1][0]).toBe('d50');
    expect(chunks[2].at(-1)).toBe('d122');
  });

  it('gives one run for a list no longer than the size, and none for an empty one', () => {
    expect(inChunks(values.slice(0, 50), 50)).toEqual([values.slice(0, 50)]);
    expect(inChunks(values.slice(0, 8), 50)).toEqual([values.slice(0, 8)]);
    expect(inChunks([], 50)).toEqual([]);
  });

  it('refuses a size that would never end', () => {
    expect(() => inChunks(values, 0)).toThrow();
  });
});
