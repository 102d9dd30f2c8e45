/** The page's filter index: the name search over one UTF-8 buffer, and the shared masks. */
import { describe, expect, it } from 'vitest';
import { namesContaining, selectMask, type FilterIndex, type NameColumn } from '../../../src/lib/db/local/filter-index.ts';
import { indexSliceQuery, type Dictionaries } from '../../../src/lib/db/local/index-loader.ts';
import { emptyFilters, type FilterState } from '../../../src/lib/state/filters.ts';

function nameColumn(names: string[]): NameColumn {
  const encoded = names.map((n) => new TextEncoder().encode(n));
  const offsets = new Int32Array(names.length + 1);
  encoded.forEach((e, i) => (offsets[i + 1] = offsets[i] + e.length));
  const bytes = new Uint8Array(offsets[names.length]);
  encoded.forEach((e, i) => bytes.set(e, offsets[i]));
  return { bytes, offsets };
}

const search = (names: string[], text: string) => [...namesContaining(nameColumn(names), names.length, text)];
const naive = (names: string[], text: string) => names.map((n) => Number(n.includes(text)));

describe('namesContaining', () => {
  it('finds the text inside names, at their start and end, never across two names', () => {
    const names = ['柳州产业园', '园区道路', '', '产业', '园', 'abcab', 'b', 'c产业园'];
    for (const text of ['园', '产业园', '业园', 'ab', 'ca', 'bc', 'b', '路', '园园', '产业园区', 'x'])
      expect([text, search(names, text)]).toEqual([text, naive(names, text)]);
    // '产业' + '园' are adjacent in the buffer: no match across them.
    expect(search(['产业', '园'], '产业园')).toEqual([0, 0]);
  });

  it('agrees with String.includes on generated names', () => {
    const chars = ['柳', '州', '园', '路', 'a', 'b', '（', '）', '区'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = Array.from({ length: 400 }, () =>
      Array.from({ length: Math.floor(next() * 6) }, () => chars[Math.floor(next() * chars.length)]).join('')
    );
    for (const text of ['园', '柳州', '路a', 'ab', '（区）', '区区', 'b路园']) expect(search(names, text)).toEqual(naive(names, text));
  });
});

describe('selectMask', () => {
  const n = 6;
  const index: FilterIndex = {
    length: n,
    rowOfKey: Int32Array.from({ length: n }, (_, i) => i),
    lists: {
      phase: { codes: Uint16Array.from([1, 2, 0, 1, 2, 1]), values: ['continuing', 'new'] },
      sector: { codes: new Uint16Array(n), values: [] },
      district: { codes: new Uint16Array(n), values: [] },
      level: { codes: new Uint16Array(n), values: [] },
      size: { codes: new Uint16Array(n), values: [] },
      rag: { codes: new Uint16Array(n), values: [] },
      unit: { codes: new Uint16Array(n), values: [] },
      batch: { codes: new Uint16Array(n), values: [] },
      placement: { codes: new Uint16Array(n), values: [] }
    },
    names: nameColumn(['a园', 'b', 'c园', 'd', 'e园', 'f']),
    lon: Float64Array.from([1, 2, 3, 4, 5, 6]),
    lat: Float64Array.from([1, 2, 3, 4, 5, 6]),
    inputs: {} as FilterIndex['inputs'],
    masks: new Map()
  };
  const f = (part: Partial<FilterState>): FilterState => ({ ...emptyFilters(), ...part });

  it('combines the dimensions, leaves out the skipped ones, and never matches NULL', () => {
    expect([...selectMask(index, f({ phase: ['new'] }))]).toEqual([0, 1, 0, 0, 1, 0]);
    expect([...selectMask(index, f({ phase: ['new', 'continuing'], q: ' 园 ' }))]).toEqual([1, 0, 0, 0, 1, 0]);
    expect([...selectMask(index, f({ phase: ['continuing'], area: { type: 'box', bounds: [3, 3, 6, 6] } }))]).toEqual([0, 0, 0, 1, 0, 1]);
    expect([...selectMask(index, f({ phase: ['continuing'], q: '园' }), ['phase'])]).toEqual([1, 0, 1, 0, 1, 0]);
    expect([...selectMask(index, f({ phase: ['completion'] }))]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('makes each mask once: the views of one change share it', () => {
    const filters = f({ phase: ['new'], q: '园' });
    const a = selectMask(index, filters);
    expect(selectMask(index, f({ q: '园', phase: ['new'] }))).toBe(a);
    expect(selectMask(index, filters, ['phase'])).not.toBe(a);
    expect(index.masks.size).toBeLessThanOrEqual(24);
  });
});

describe('indexSliceQuery', () => {
  it('writes a dictionary of tens of thousands of units as one flat list, escaped', () => {
    const units = Array.from({ length: 30_000 }, (_, i) => `单位'${i}`);
    const dictionaries = {
      phase: ['new'],
      sector: [],
      district: [],
      level: [],
      size: [],
      rag: [],
      unit: units,
      batch: [],
      placement: []
    } as unknown as Dictionaries;
    const text = String(indexSliceQuery({ facts: 'cm_facts' }, dictionaries, 0, 100));
    // (booleans: a failure would print the whole text)
    expect(text.includes(`('单位''29999', 30000)`)).toBe(true);
    expect(text.includes('CAST(0 AS USMALLINT) AS "code_sector"')).toBe(true);
    expect(text.includes('f.row_key >= 0 AND f.row_key < 100')).toBe(true);
  });
});
