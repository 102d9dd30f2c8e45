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

/**
 * The strings of a text column's batches when they are all ASCII (codes, keys) and none is NULL:
 * each batch's bytes decoded once and its rows cut from that string, where reading the column row
 * by row decodes each value on its own (the playback summary's 130k district codes and sectors
 * at 100k projects: a task of the main thread a filter change waited for). Null otherwise.
 */
export function asciiStrings(batches: readonly Utf8Batch[] | undefined): string[] | null {
  if (!batches?.length || batches.some((b) => (b.nullCount ?? 0) > 0 || !(b.values instanceof Uint8Array) || !b.offsets)) return null;
  const utf8 = new TextDecoder();
  const out: string[] = [];
  for (const b of batches) {
    const first = Number(b.offsets[0]);
    const bytes = b.values.subarray(first, Number(b.offsets[b.length]));
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return null;
    // ASCII: one byte per character, so byte offsets are string offsets.
    const text = utf8.decode(bytes);
    for (let i = 0; i < b.length; i++) out.push(text.slice(Number(b.offsets[i]) - first, Number(b.offsets[i + 1]) - first));
  }
  return out;
}
