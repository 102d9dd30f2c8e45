/**
 * Text columns of a query result (flechette's Utf8 batches: views into the whole Arrow message)
 * copied into one UTF-8 buffer with offsets, so that the message can be let go.
 */

/** One batch of a text column, as flechette decodes it. */
export interface Utf8Batch {
  length: number;
  nullCount?: number;
  values: Uint8Array;
  offsets: ArrayLike<number | bigint>;
}

/** Bytes of the batches' strings. */
export function utf8Size(batches: readonly Utf8Batch[]): number {
  let size = 0;
  for (const b of batches) size += Number(b.offsets[b.length]) - Number(b.offsets[0]);
  return size;
}

/**
 * Copies the batches' bytes into `bytes` from byte `at`, and their row ends into `offsets` from
 * row `row` (so row r is `bytes[offsets[r] … offsets[r + 1])`). Returns where the next batch goes.
 */
export function copyUtf8(
  batches: readonly Utf8Batch[],
  bytes: Uint8Array,
  offsets: Int32Array,
  at: number,
  row: number
): { at: number; row: number } {
  for (const b of batches) {
    const first = Number(b.offsets[0]);
    const end = Number(b.offsets[b.length]);
    if (at + end - first > bytes.length) throw new Error('text column: more bytes than counted');
    bytes.set(b.values.subarray(first, end), at);
    for (let i = 1; i <= b.length; i++) offsets[row + i] = at + Number(b.offsets[i]) - first;
    at += end - first;
    row += b.length;
  }
  return { at, row };
}
