/**
 * Text columns of a result read from their UTF-8 batches (db/local/utf8-batches.ts): the ASCII
 * shortcut gives the strings the column's own reading gives, and declines what it cannot cut.
 */
import { describe, expect, it } from 'vitest';
import { float64, tableFromArrays, utf8 } from '@uwdata/flechette';
import { asciiStrings, type Utf8Batch } from '../../../src/lib/db/local/utf8-batches.ts';

const batchesOf = (values: (string | null)[], maxBatchRows = 3) =>
  (tableFromArrays({ v: values }, { types: { v: utf8() }, maxBatchRows }).getChild('v') as unknown as { data: Utf8Batch[] }).data;

describe('asciiStrings', () => {
  it('gives the strings of several batches, empty ones included, as the column reads them', () => {
    const values = ['520102', 'infrastructure', '', 'a', '520103', 'livelihood', 'x y', ''];
    const batches = batchesOf(values);
    expect(batches.length).toBe(3);
    expect(asciiStrings(batches)).toEqual(values);
  });

  it('cuts a batch whose offsets do not start at its bytes’ start', () => {
    const values = new TextEncoder().encode('xxxabcdef');
    const batch: Utf8Batch = { length: 3, nullCount: 0, values, offsets: Int32Array.of(3, 4, 6, 9) };
    expect(asciiStrings([batch])).toEqual(['a', 'bc', 'def']);
  });

  it('declines text that is not ASCII, NULLs, numbers and no batches', () => {
    expect(asciiStrings(batchesOf(['520102', '道路', 'a']))).toBeNull();
    expect(asciiStrings(batchesOf(['a', null, 'b']))).toBeNull();
    const numbers = (tableFromArrays({ n: [1, 2] }, { types: { n: float64() } }).getChild('n') as unknown as { data: Utf8Batch[] }).data;
    expect(asciiStrings(numbers)).toBeNull();
    expect(asciiStrings([])).toBeNull();
    expect(asciiStrings(undefined)).toBeNull();
  });
});
