/**
 * The programme KPIs' sums in the page, and the word-wise masks under them, against plain
 * loops over every project: selections narrow and broad (summed as totals minus the rest),
 * lengths that are not whole words, NULLs, negative amounts and sums beyond 2^53.
 */
import { describe, expect, it } from 'vitest';
import { MONEY_INPUTS, type FilterIndex, type MoneyInput } from '../../../src/lib/db/local/filter-index.ts';
import { countSelected, intersect, maskWords, newMask } from '../../../src/lib/db/local/masks.ts';
import { programmeSums } from '../../../src/lib/db/local/programme-sums.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NEW = 2;
const PREPARATORY = 3;

/** n projects: phase codes 0 (NULL) … 4, started 0/1/NaN, cents with NULLs and a few negatives. */
function index(n: number, seed: number, scale = 1e9): FilterIndex {
  const r = random(seed);
  const cents = () => (r() < 0.1 ? NaN : Math.round((r() < 0.05 ? -1 : 1) * r() * scale));
  const money = Object.fromEntries(MONEY_INPUTS.map((c) => [c, Float64Array.from({ length: n }, cents)])) as Record<MoneyInput, Float64Array>;
  return {
    length: n,
    rowOfKey: Int32Array.from({ length: n }, (_, i) => i),
    lists: { phase: { codes: Uint16Array.from({ length: n }, () => Math.floor(r() * 5)), values: ['completion', 'new', 'preparatory', 'continuing'] } } as FilterIndex['lists'],
    names: { bytes: new Uint8Array(0), offsets: new Int32Array(n + 1) },
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    money,
    started: Float64Array.from({ length: n }, () => (r() < 0.2 ? NaN : Math.round(r()))),
    masks: new Map()
  };
}

/** The SQL the sums stand for, as one plain loop: sum() NULL over no value; annual plans of implemented projects only. */
function reference(ix: FilterIndex, mask: ArrayLike<number>) {
  let n = 0;
  let newProjects = 0;
  let newStarted = 0;
  const sum = Object.fromEntries(MONEY_INPUTS.map((c) => [c, null])) as Record<MoneyInput, number | null>;
  let magnitude = 0;
  for (let i = 0; i < ix.length; i++) {
    if (!mask[i]) continue;
    n++;
    const p = ix.lists.phase.codes[i];
    if (p === NEW) {
      newProjects++;
      if (ix.started[i] === 1) newStarted++;
    }
    for (const c of MONEY_INPUTS) {
      const v = ix.money[c][i];
      if (Number.isNaN(v) || (c === 'annual_plan' && (p === 0 || p === PREPARATORY))) continue;
      sum[c] = (sum[c] ?? 0) + v;
      magnitude = Math.max(magnitude, Math.abs(sum[c]!));
    }
  }
  return { n, sum, newProjects, newStarted, magnitude };
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

describe('programmeSums', () => {
  it('equal plain loops for narrow, broad, empty and full selections', () => {
    for (const n of [1, 7, 1000, 4099]) {
      const ix = index(n, n);
      for (const share of [0, 0.02, 0.3, 0.5, 0.7, 0.98, 1]) {
        const mask = maskOf(n, share, n * 100 + share * 100);
        const got = programmeSums(ix, mask, NEW, PREPARATORY);
        const want = reference(ix, mask);
        expect({ n, share, got: { ...got, exact: undefined } }).toEqual({ n, share, got: { n: want.n, sum: want.sum, newProjects: want.newProjects, newStarted: want.newStarted, exact: undefined } });
        expect(got.exact).toBe(true);
      }
    }
  });

  it('give the annual plan NULL when only preparatory or phase-less projects are selected', () => {
    const ix = index(40, 3);
    const mask = newMask(40);
    for (let i = 0; i < 40; i++) mask[i] = ix.lists.phase.codes[i] === PREPARATORY || ix.lists.phase.codes[i] === 0 ? 1 : 0;
    const got = programmeSums(ix, mask, NEW, PREPARATORY);
    expect(got.sum.annual_plan).toBeNull();
    expect(got.sum.total_investment).toBe(reference(ix, mask).sum.total_investment);
    // Phases without a new or preparatory code (−1): every project with a phase counts.
    expect(programmeSums(ix, mask, -1, -1).newProjects).toBe(0);
  });

  it('say when a sum could have lost exactness in doubles', () => {
    // Cents up to 10^14 a project: 4,000 of them pass 2^53 (9.007 × 10^15).
    const ix = index(4000, 5, 1e14);
    const broad = programmeSums(ix, maskOf(4000, 0.9, 1), NEW, PREPARATORY);
    expect(broad.exact).toBe(false);
    const narrow = maskOf(4000, 0.01, 2);
    const few = programmeSums(ix, narrow, NEW, PREPARATORY);
    expect(few.exact).toBe(reference(ix, narrow).magnitude <= Number.MAX_SAFE_INTEGER);
    expect(few.exact).toBe(true);
    expect(few.sum).toEqual(reference(ix, narrow).sum);
  });
});
