/**
 * The base of a `rows` view (db/local/answers.ts): numbers as typed arrays, text columns copied
 * out of the result's batches (which are views into the whole Arrow message) and read lazily.
 */
import { describe, expect, it, vi } from 'vitest';
import { tableFromArrays, utf8 } from '@uwdata/flechette';
import { rowsBase, selectedRows, selectRows, type SourceTable } from '../../../src/lib/db/local/answers.ts';
import type { FilterIndex } from '../../../src/lib/db/local/filter-index.ts';

const ids = Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? `项目-${i}` : `P${i}`));
/** Three batches of at most four rows, as DuckDB's results come in several. */
const table = tableFromArrays(
  { id: ids, row_key: Int32Array.from(ids, (_, i) => 9 - i) },
  { types: { id: utf8() }, maxBatchRows: 4 }
) as unknown as SourceTable;
const index = { rowOfKey: Int32Array.from({ length: 10 }, (_, k) => k) } as unknown as FilterIndex;

describe('rowsBase', () => {
  it('reads text from batches through its own copy, row for row', () => {
    expect((table.getChild('id') as unknown as { data: unknown[] }).data.length).toBe(3);
    const base = rowsBase(table, index);
    const id = base.columns.find(([name]) => name === 'id')![1] as { length: number; at(i: number): unknown };
    expect(ArrayBuffer.isView(id)).toBe(false);
    expect(id.length).toBe(10);
    expect(Array.from({ length: 10 }, (_, i) => id.at(i))).toEqual(ids);
  });

  it('never decodes a text column whole (a filter change would wait for it), with or without NULLs', () => {
    const names = ids.map((id, i) => (i === 4 ? null : id));
    const t = tableFromArrays(
      { id: ids, name: names, row_key: Int32Array.from(ids, (_, i) => 9 - i) },
      { types: { id: utf8(), name: utf8() }, maxBatchRows: 4 }
    ) as unknown as SourceTable;
    const spies = ['id', 'name'].map((name) => vi.spyOn(t.getChild(name)!, 'toArray'));
    const base = rowsBase(t, index);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    const column = (name: string) => base.columns.find(([n]) => n === name)![1] as { at(i: number): unknown };
    expect(Array.from({ length: 10 }, (_, i) => column('id').at(i))).toEqual(ids);
    expect(Array.from({ length: 10 }, (_, i) => column('name').at(i))).toEqual(names);
    expect(ArrayBuffer.isView(base.columns.find(([n]) => n === 'row_key')![1])).toBe(true);
  });

  it('answers the same rows copied or as a selection', () => {
    const base = rowsBase(table, index);
    const mask = Uint8Array.from({ length: 10 }, (_, k) => k % 2);
    const copied = selectRows(base, mask).toArray();
    const selected = selectedRows(base, mask);
    expect(selected.numRows).toBe(10);
    expect([...selected.selection]).toEqual(Array.from({ length: 10 }, (_, i) => (9 - i) % 2));
    expect(selected.toArray()).toEqual(copied);
    expect(copied.map((r) => r.id)).toEqual(ids.filter((_, i) => (9 - i) % 2 === 1));
  });
});
