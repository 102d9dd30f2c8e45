/** Which row groups of a source file can hold a project: the project card's range reads. */
import { describe, expect, it } from 'vitest';
import { compareUtf8, rowGroupsHolding } from '../../../src/lib/db/row-groups.ts';

describe('row groups holding a key', () => {
  const index = {
    key: 'project_id',
    ranges: [
      ['P0001', 'P0400'],
      ['P0400', 'P0800'],
      ['P0801', 'P1200']
    ] as [string, string][]
  };

  it('finds the one group whose range holds the key, ends included', () => {
    expect(rowGroupsHolding(index, 'P0001')).toEqual([0]);
    expect(rowGroupsHolding(index, 'P0801')).toEqual([2]);
    expect(rowGroupsHolding(index, 'P1200')).toEqual([2]);
  });

  it('finds both groups when the rows of a key straddle a boundary', () => {
    expect(rowGroupsHolding(index, 'P0400')).toEqual([0, 1]);
  });

  it('finds none for a key outside every range (no request is made then)', () => {
    expect(rowGroupsHolding(index, 'P1201')).toEqual([]);
    expect(rowGroupsHolding(index, 'A')).toEqual([]);
    expect(rowGroupsHolding({ key: 'id', ranges: [] }, 'P0001')).toEqual([]);
  });

  it('orders strings by their UTF-8 bytes, as Parquet statistics and DuckDB do', () => {
    // U+FF5E (fullwidth tilde) sorts before U+1F600 in UTF-8 but after it in UTF-16 code units.
    expect(compareUtf8('\uff5e', '\u{1f600}')).toBeLessThan(0);
    expect('\uff5e' < '\u{1f600}').toBe(false);
    expect(compareUtf8('柳州-0002', '柳州-0010')).toBeLessThan(0);
    expect(compareUtf8('P1', 'P1')).toBe(0);
    expect(compareUtf8('P1', 'P10')).toBeLessThan(0);
  });
});
