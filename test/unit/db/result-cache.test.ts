import { describe, expect, it } from 'vitest';
import { resultCache } from '../../../src/lib/db/result-cache.ts';

const keys = (n: number) => Array.from({ length: n }, (_, i) => `SELECT ${i} AS n`);

describe('the query core’s result cache', () => {
  it('keeps at most maxEntries results after 1,000 distinct queries with small results', () => {
    const cache = resultCache({ maxBytes: 16 * 2 ** 20, maxEntries: 32 });
    for (const k of keys(1000)) cache.set(k, { rows: k }, 200);
    expect(keys(1000).filter((k) => cache.get(k) !== undefined)).toHaveLength(32);
  });

  it('keeps the most recently used ones', () => {
    const cache = resultCache({ maxBytes: 2 ** 20, maxEntries: 3 });
    const [a, b, c, d] = keys(4);
    cache.set(a, 'a', 10);
    cache.set(b, 'b', 10);
    cache.set(c, 'c', 10);
    cache.get(a);
    cache.set(d, 'd', 10);
    expect([a, b, c, d].map((k) => cache.get(k))).toEqual(['a', undefined, 'c', 'd']);
  });

  it('counts the SQL text besides the result’s bytes, and stays within maxBytes', () => {
    const cache = resultCache({ maxBytes: 10_000, maxEntries: 1000 });
    const long = (i: number) => `SELECT ${i} AS n /* ${'x'.repeat(1000)} */`;
    for (let i = 0; i < 100; i++) cache.set(long(i), i, 100);
    expect(cache.bytes()).toBeLessThanOrEqual(10_000);
    // Each entry costs 100 bytes and two bytes a character of its ~1,020-character key: four fit.
    expect(Array.from({ length: 100 }, (_, i) => cache.get(long(i))).filter((v) => v !== undefined)).toEqual([96, 97, 98, 99]);
  });

  it('never keeps a result larger than maxBytes, and returns it', () => {
    const cache = resultCache({ maxBytes: 1000, maxEntries: 10 });
    expect(cache.set('SELECT big', 'big', 5000)).toBe('big');
    expect(cache.get('SELECT big')).toBeUndefined();
    expect(cache.bytes()).toBe(0);
  });

  it('replaces a key’s result without counting it twice, and clears', () => {
    const cache = resultCache({ maxBytes: 1000, maxEntries: 10 });
    cache.set('q', 1, 100);
    cache.set('q', 2, 100);
    expect(cache.get('q')).toBe(2);
    expect(cache.bytes()).toBe(102);
    cache.clear();
    expect(cache.get('q')).toBeUndefined();
    expect(cache.bytes()).toBe(0);
  });
});
