/**
 * Which row groups of a source file can hold a key, from the key ranges the data pipeline writes
 * to meta.json (`row_groups`). Pure: the browser's project card and the pipeline's checks share it.
 */
import type { RowGroupIndex } from '../schema.ts';

const utf8 = new TextEncoder();

/** Byte order of the UTF-8 encodings: how Parquet statistics and DuckDB order strings. */
export function compareUtf8(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** The row groups whose [first, last] key range holds `key`. */
export function rowGroupsHolding(index: RowGroupIndex, key: string): number[] {
  return index.ranges.flatMap(([first, last], i) => (compareUtf8(first, key) <= 0 && compareUtf8(key, last) <= 0 ? [i] : []));
}
