/**
 * The query core's cache of query results (mosaic's `Cache`), keyed by SQL text: the least
 * recently used result goes first once either bound is passed, the bytes or the number of results.
 *
 * mosaic's own `lruCache` is bounded by the results' Arrow bytes alone. A small result (a
 * choropleth's few hundred districts, a page of the table, one row) costs it a few kilobytes while
 * its SQL text and decoded table take as much again in the heap, and every filter change has new
 * SQL: 16 MB of such results is thousands of them, kept for good (soak run, scripts/bench/README.md).
 */
import type { Cache } from '@uwdata/mosaic-core';

export interface ResultCacheOptions {
  /** Bytes of results kept (Arrow bytes, and the SQL text counted two bytes a character). */
  maxBytes: number;
  /** Results kept. */
  maxEntries: number;
}

export function resultCache({ maxBytes, maxEntries }: ResultCacheOptions): Cache {
  const entries = new Map<string, { value: unknown; bytes: number }>();
  let total = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.bytes;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      // Map order is insertion order: re-inserting makes it the most recently used.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, bytes) {
      remove(key);
      const cost = (bytes || 0) + 2 * key.length;
      if (cost > maxBytes || maxEntries <= 0) return value;
      entries.set(key, { value, bytes: cost });
      total += cost;
      for (const oldest of entries.keys()) {
        if (total <= maxBytes && entries.size <= maxEntries) break;
        remove(oldest);
      }
      return value;
    },
    clear() {
      entries.clear();
      total = 0;
    },
    bytes: () => total
  };
}
