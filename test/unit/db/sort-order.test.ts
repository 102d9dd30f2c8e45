/**
 * The orders the map's points base is sorted by without a comparator per pair (db/local/sort-order.ts)
 * against the comparator sort they replace: texts by code point (compareCodePoints), totals
 * descending with NaN last and ties in the order given, on seeded draws with many ties.
 */
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../../../src/lib/db/local/index-from-facts.ts';
import { compareUtf8, orderByDescending, textOrder } from '../../../src/lib/db/local/sort-order.ts';
import { prng } from './parity-fixture.ts';

const encoder = new TextEncoder();
function column(texts: string[]) {
  const parts = texts.map((t) => encoder.encode(t));
  const offsets = new Int32Array(texts.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
  const bytes = new Uint8Array(offsets[texts.length]);
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  return { bytes, offsets };
}

/** The comparator sort: values descending, NaN last, then the position in `order`. */
function reference(values: Float64Array, order: Int32Array): number[] {
  const at = new Map([...order].map((r, k) => [r, k]));
  return [...order].sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return Number.isNaN(x) ? 1 : Number.isNaN(y) ? -1 : y - x;
    return at.get(a)! - at.get(b)!;
  });
}

describe('textOrder', () => {
  const texts = ['b', '\u{1F600}', 'a', '\uffe0', '', 'ab', 'a', 'Z', '市', '\u{10000}a', '\u{10000}'];

  it('orders by code point as DuckDB does, equal texts in row order', () => {
    const order = textOrder(column(texts), texts.length);
    const expected = texts.map((_, i) => i).sort((i, j) => compareCodePoints(texts[i], texts[j]) || i - j);
    expect([...order]).toEqual(expected);
    expect(compareUtf8(column(['a', 'a']), 0, 1)).toBe(0);
  });

  it('keeps texts already in order as they are, and orders drawn ids', () => {
    const sorted = ['a', 'a', 'ab', 'b', '市'];
    expect([...textOrder(column(sorted), sorted.length)]).toEqual([0, 1, 2, 3, 4]);
    const r = prng(11);
    const alphabet = ['a', 'b', 'Z', '0', '市', '\uffe0', '\u{1F600}'];
    const ids = Array.from({ length: 2000 }, () =>
      Array.from({ length: 1 + Math.floor(r() * 3) }, () => alphabet[Math.floor(r() * 7)]).join('')
    );
    const expected = ids.map((_, i) => i).sort((i, j) => compareCodePoints(ids[i], ids[j]) || i - j);
    expect([...textOrder(column(ids), ids.length)]).toEqual(expected);
  });
});

describe('orderByDescending', () => {
  it('orders totals descending, NaN last, −0 as 0, ties in the given order', () => {
    const values = Float64Array.of(1, NaN, -0, 0, -2.5, Infinity, 1, -Infinity, NaN, 1e-300, -1e-300, 123456789.01);
    const order = Int32Array.from([5, 3, 11, 0, 2, 9, 8, 1, 4, 6, 10, 7]);
    expect([...orderByDescending(values, order)]).toEqual(reference(values, order));
    expect([...orderByDescending(values, order)].slice(0, 3)).toEqual([5, 11, 0]);
    expect([...orderByDescending(values, order)].slice(-2)).toEqual([8, 1]);
  });

  it('equals the comparator sort on drawn money with many ties', () => {
    const r = prng(5);
    for (const n of [0, 1, 2, 1000, 70_000]) {
      const values = Float64Array.from({ length: n }, () => {
        const u = r();
        if (u < 0.05) return NaN;
        if (u < 0.1) return 0;
        // Cents of up to 10^12 万元, half of them among a hundred values.
        return u < 0.55 ? Math.round(r() * 100) / 100 : Math.round((r() - 0.1) * 1e14) / 100;
      });
      const order = Int32Array.from({ length: n }, (_, k) => k).sort(() => r() - 0.5);
      expect([...orderByDescending(values, order)], `n=${n}`).toEqual(reference(values, order));
    }
  });
});
