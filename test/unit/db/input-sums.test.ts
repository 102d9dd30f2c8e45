/**
 * The metric inputs summed in the page, and the word-wise masks under them, against plain loops
 * over every project: selections narrow and broad (summed as totals minus the rest), lengths that
 * are not whole words, NULLs, negative amounts, sums beyond 2^53, and grouped sums in DuckDB's order.
 */
import { describe, expect, it } from 'vitest';
import type { FilterIndex } from '../../../src/lib/db/local/filter-index.ts';
import { countSelected, intersect, maskWords, newMask } from '../../../src/lib/db/local/masks.ts';
import { groupedInputSums, inputSums } from '../../../src/lib/db/local/input-sums.ts';
import { PAGE_INPUTS, type PageInputId } from '../../../src/lib/metrics/inputs.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** n projects: each input a value with NULLs (NaN) and a few negatives; phase and sector codes with NULLs (0). */
function index(n: number, seed: number, scale = 1e9): FilterIndex {
  const r = random(seed);
  const value = () => (r() < 0.1 ? NaN : Math.round((r() < 0.05 ? -1 : 1) * r() * scale));
  const inputs = Object.fromEntries(PAGE_INPUTS.map((id) => [id, Float64Array.from({ length: n }, value)])) as Record<
    PageInputId,
    Float64Array
  >;
  return {
    length: n,
    rowOfKey: Int32Array.from({ length: n }, (_, i) => i),
    lists: {
      phase: {
        codes: Uint16Array.from({ length: n }, () => Math.floor(r() * 5)),
        values: ['completion', 'continuing', 'new', 'preparatory']
      },
      sector: { codes: Uint16Array.from({ length: n }, () => Math.floor(r() * 3)), values: ['industry', 'livelihood'] }
    } as FilterIndex['lists'],
    names: { bytes: new Uint8Array(0), offsets: new Int32Array(n + 1) },
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    inputs,
    masks: new Map()
  };
}

/** The SQL the sums stand for, as one plain loop: sum() is NULL over no value. */
function reference(ix: FilterIndex, mask: ArrayLike<number>) {
  let n = 0;
  const sum = Object.fromEntries(PAGE_INPUTS.map((c) => [c, null])) as Record<PageInputId, number | null>;
  let magnitude = 0;
  for (let i = 0; i < ix.length; i++) {
    if (!mask[i]) continue;
    n++;
    for (const c of PAGE_INPUTS) {
      const v = ix.inputs[c][i];
      if (Number.isNaN(v)) continue;
      sum[c] = (sum[c] ?? 0) + v;
      magnitude = Math.max(magnitude, Math.abs(sum[c]!));
    }
  }
  return { n, sum, magnitude };
}

function maskOf(n: number, share: number, seed: number): Uint8Array {
  const r = random(seed);
  const mask = newMask(n);
  for (let i = 0; i < n; i++) mask[i] = r() < share ? 1 : 0;
  return mask;
}

describe('masks', () => {
  it('keep the bytes past the last project at 0, and combine and count four at a time', () => {
    for (const n of [0, 1, 3, 4, 5, 1001]) {
      const a = maskOf(n, 0.6, n + 1);
      const b = maskOf(n, 0.5, n + 2);
      const c = newMask(n).fill(1);
      expect(c.buffer.byteLength % 4).toBe(0);
      expect([...new Uint8Array(c.buffer)].slice(n).every((x) => x === 0)).toBe(true);
      const both = intersect([a, b, c]);
      expect([...both]).toEqual([...a].map((x, i) => x & b[i]));
      expect(countSelected(both)).toBe([...both].filter(Boolean).length);
      expect(countSelected(c)).toBe(n);
    }
  });

  it('read a plain Uint8Array (a view into a larger buffer) through a word-aligned copy', () => {
    const plain = new Uint8Array(12).fill(1).subarray(1, 6);
    const words = maskWords(plain);
    expect(words.length).toBe(2);
    expect([...new Uint8Array(words.buffer)]).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(countSelected(plain)).toBe(5);
    expect([...intersect([plain, Uint8Array.from([1, 0, 1, 0, 1])])]).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('inputSums', () => {
  it('equal plain loops for narrow, broad, empty and full selections', () => {
    for (const n of [1, 7, 1000, 4099]) {
      const ix = index(n, n);
      for (const share of [0, 0.02, 0.3, 0.5, 0.7, 0.98, 1]) {
        const mask = maskOf(n, share, n * 100 + share * 100);
        const got = inputSums(ix, mask);
        const want = reference(ix, mask);
        expect({ n, share, got: { n: got.n, sum: got.sum } }).toEqual({ n, share, got: { n: want.n, sum: want.sum } });
        expect(got.exact).toBe(true);
      }
    }
  });

  it('say when a sum could have lost exactness in doubles', () => {
    // Cents up to 10^14 a project: 4,000 of them pass 2^53 (9.007 × 10^15).
    const ix = index(4000, 5, 1e14);
    expect(inputSums(ix, maskOf(4000, 0.9, 1)).exact).toBe(false);
    const narrow = maskOf(4000, 0.01, 2);
    const few = inputSums(ix, narrow);
    expect(few.exact).toBe(reference(ix, narrow).magnitude <= Number.MAX_SAFE_INTEGER);
    expect(few.exact).toBe(true);
    expect(few.sum).toEqual(reference(ix, narrow).sum);
  });
});

describe('groupedInputSums', () => {
  it('sum each combination of values as a plain loop does, in dictionary order with NULL last', () => {
    const ix = index(2000, 11);
    const mask = maskOf(2000, 0.4, 3);
    const groups = groupedInputSums(ix, mask, ['phase', 'sector']);
    const keys = groups.map((g) => g.codes.map((c) => (c === 0 ? 99 : c)));
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(groups.reduce((s, g) => s + g.n, 0)).toBe(countSelected(mask));
    for (const g of groups) {
      const only = newMask(2000);
      for (let i = 0; i < 2000; i++)
        only[i] = mask[i] && ix.lists.phase.codes[i] === g.codes[0] && ix.lists.sector.codes[i] === g.codes[1] ? 1 : 0;
      const want = reference(ix, only);
      expect({ codes: g.codes, n: g.n, sum: g.sum }).toEqual({ codes: g.codes, n: want.n, sum: want.sum });
    }
  });
});
