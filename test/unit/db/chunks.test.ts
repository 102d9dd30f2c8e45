/** Row groups in chunks for streaming a Parquet file into the database (parquet-decode.ts). */
import { describe, expect, it } from 'vitest';
import { chunksOf } from '../../../src/lib/db/parquet-decode.ts';

describe('chunksOf', () => {
  it('groups whole row groups up to the chunk size, in order', () => {
    expect(chunksOf([100, 100, 100, 100, 100], 250)).toEqual([[0, 1], [2, 3], [4]]);
    expect(chunksOf([122_880, 122_880, 122_880, 122_880, 122_880, 5], 500_000)).toEqual([
      [0, 1, 2, 3],
      [4, 5]
    ]);
  });

  it('puts a row group larger than a chunk on its own', () => {
    expect(chunksOf([10, 900, 10], 100)).toEqual([[0], [1], [2]]);
  });

  it('gives one empty chunk for a file without row groups, so its (empty) table is still created', () => {
    expect(chunksOf([], 100)).toEqual([[]]);
  });
});
