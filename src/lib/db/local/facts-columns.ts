/**
 * A month's facts as the decoding worker hands them over (Arrow IPC chunks, month-facts.ts), read
 * into whole-month arrays for the page's index without DuckDB (index-from-facts.ts): numbers as
 * Float64Array with NaN for NULL, money as exact cents, booleans as 0 / 1 / 2 (NULL), text as
 * codes of first appearance. Columns are read by their Arrow buffers, not value by value: at 1M
 * projects flechette's per-value access (a TextDecoder call per string) took seconds.
 */
import { tableFromIPC, Type, type Table } from '@uwdata/flechette';
import type { Utf8Batch } from './utf8-batches.ts';

interface Batch {
  length: number;
  nullCount: number;
  validity?: Uint8Array | null;
  values: ArrayLike<number | bigint> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
  offsets?: Int32Array;
  type: { typeId: number; scale?: number; bitWidth?: number };
  at(i: number): unknown;
}

const valid = (b: Batch, i: number) => !b.nullCount || !b.validity || (b.validity[i >> 3] & (1 << (i & 7))) !== 0;

/** Text codes: 0 is NULL, code k is `values[k − 1]`, in the order values first appear. */
export interface TextCodes {
  codes: Uint32Array;
  values: string[];
}

/** Cents of an unscaled decimal integer of `scale` digits, half away from zero as DuckDB casts. */
export function centsOfUnscaled(unscaled: number, scale: number): number {
  if (scale === 2) return unscaled;
  if (scale < 2) return unscaled * 10 ** (2 - scale);
  const d = 10 ** (scale - 2);
  const r = unscaled % d;
  const q = (unscaled - r) / d;
  return Math.abs(r) * 2 >= d ? q + Math.sign(unscaled) : q;
}

function bigCents(unscaled: bigint, scale: number): number {
  if (scale <= 2) return Number(unscaled * 10n ** BigInt(2 - scale));
  const d = 10n ** BigInt(scale - 2);
  const r = unscaled % d;
  let q = unscaled / d;
  if ((r < 0n ? -r : r) * 2n >= d) q += unscaled < 0n ? -1n : 1n;
  return Number(q);
}

/** Unscaled decimal i of a 64-, 128- or 256-bit batch, as a number when it is a safe integer, else null. */
function smallDecimal(words: Uint32Array, perValue: number, i: number): number | null {
  const at = i * perValue;
  const lo = words[at];
  const hi = words[at + 1];
  const sign = hi >= 0x80000000 ? 0xffffffff : 0;
  for (let k = 2; k < perValue; k++) if (words[at + k] !== sign) return null;
  if (sign ? hi < 0xffe00000 : hi >= 0x200000) return null;
  return (hi | 0) * 4294967296 + lo;
}

function wideDecimal(words: Uint32Array, perValue: number, i: number): bigint {
  let v = 0n;
  for (let k = perValue - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[i * perValue + k]);
  return BigInt.asIntN(perValue * 32, v);
}

/**
 * Utf8 byte strings coded by first appearance: an open-addressing table of the bytes' hashes,
 * compared in full on a hit (a million rows of a list column are coded per column at 1M projects:
 * a Map of arrays per hash took most of the index's build).
 */
class Utf8Coder {
  readonly values: string[] = [];
  readonly #bytes: Uint8Array[] = [];
  /** Hash of each code's bytes (index: code). */
  #hashes = new Int32Array(64);
  /** Codes by hash slot (0: empty). */
  #slots = new Int32Array(64);
  readonly #byText = new Map<string, number>();
  readonly #decoder = new TextDecoder();

  /** Code (from 1) of `bytes[start, end)`. */
  code(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p], 0x01000193);
    const mask = this.#slots.length - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const code = this.#slots[slot];
      if (code === 0) {
        const copy = bytes.slice(start, end);
        return this.#add(this.#decoder.decode(copy), copy, h, slot);
      }
      if (this.#hashes[code] !== h) continue;
      const b = this.#bytes[code - 1];
      if (b.length !== length) continue;
      let k = 0;
      while (k < length && b[k] === bytes[start + k]) k++;
      if (k === length) return code;
    }
  }

  /** Code of a string that came without its bytes (a dictionary-encoded or large text column). */
  codeOfText(text: string): number {
    const known = this.#byText.get(text);
    if (known) return known;
    const bytes = new TextEncoder().encode(text);
    return this.code(bytes, 0, bytes.length);
  }

  #add(text: string, bytes: Uint8Array, hash: number, slot: number): number {
    this.values.push(text);
    this.#bytes.push(bytes);
    const code = this.values.length;
    this.#byText.set(text, code);
    if (code >= this.#hashes.length) {
      const hashes = new Int32Array(this.#hashes.length * 2);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
    }
    this.#hashes[code] = hash;
    this.#slots[slot] = code;
    // At most half full: probes stay short.
    if (code * 2 > this.#slots.length) this.#rehash();
    return code;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 1; code <= this.values.length; code++) {
      let slot = this.#hashes[code] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.#slots = slots;
  }
}

/** How a column is read: the FactsColumns method of that name. */
export type ColumnKind = 'doubles' | 'cents' | 'moneyDoubles' | 'bools' | 'text';
export interface ColumnRead {
  kind: ColumnKind;
  column: string;
}

/** A column being read chunk by chunk: its values so far (room for more), and the text coder they share. */
interface ColumnSoFar {
  values: Float64Array | Uint8Array | Uint32Array;
  /** Rows read (of the chunks before `chunks`). */
  rows: number;
  chunks: number;
  coder: Utf8Coder | null;
}

const arrayOf = (kind: ColumnKind, n: number) =>
  kind === 'bools' ? new Uint8Array(n) : kind === 'text' ? new Uint32Array(n) : new Float64Array(n);

/**
 * The decoded chunks of one month, read column by column into whole-month arrays. Chunks can be
 * added as they are decoded: the columns in `ahead` are then read from each chunk as it comes
 * (while the decoding worker decodes the next, instead of all of them after the last), into
 * arrays of the month's rows when the first chunk tells them, and the others when first asked
 * for. Each column is read once (the index, the points and the lines base read some of the same)
 * and kept as long as this is: callers must not write to what it returns. The chunks must all be
 * added before a column is asked for.
 */
export class FactsColumns {
  readonly #tables: Table[] = [];
  #length = 0;
  /** Rows of the month, when told (the arrays of `ahead` columns are made this long). */
  #expected = 0;
  readonly #ahead: readonly ColumnRead[];
  readonly #soFar = new Map<string, ColumnSoFar>();
  readonly #read = new Map<string, unknown>();

  constructor(chunks: readonly Uint8Array[] = [], ahead: readonly ColumnRead[] = []) {
    this.#ahead = ahead;
    for (const chunk of chunks) this.add(chunk);
  }

  get length(): number {
    return this.#length;
  }

  /** Adds the next chunk (in file order) and reads the `ahead` columns from it; `rows`: the month's, if known. */
  add(chunk: Uint8Array, rows = 0): void {
    if (this.#read.size) throw new Error('facts: a chunk added after a column was read');
    const table = tableFromIPC(chunk);
    this.#tables.push(table);
    this.#length += table.numRows;
    this.#expected = Math.max(this.#expected, rows);
    for (const { kind, column } of this.#ahead) this.#readChunks(kind, column);
  }

  /** Reads the column from the chunks it has not been read from. */
  #readChunks(kind: ColumnKind, name: string): ColumnSoFar {
    const key = `${kind}:${name}`;
    let entry = this.#soFar.get(key);
    if (!entry) {
      entry = {
        values: arrayOf(kind, Math.max(this.#expected, this.#length)),
        rows: 0,
        chunks: 0,
        coder: kind === 'text' ? new Utf8Coder() : null
      };
      this.#soFar.set(key, entry);
    }
    if (entry.values.length < this.#length) {
      // More rows than told (or none told): room for them, twice as much as needed so far.
      const more = arrayOf(kind, Math.max(this.#length, 2 * entry.values.length));
      more.set(entry.values.subarray(0, entry.rows));
      entry.values = more;
    }
    for (; entry.chunks < this.#tables.length; entry.chunks++) {
      const table = this.#tables[entry.chunks];
      const col = table.getChild(name);
      if (!col) throw new Error(`facts: no column ${name}`);
      fillPart(kind, col.data as unknown as Batch[], entry.values, entry.rows, entry.coder);
      entry.rows += table.numRows;
    }
    return entry;
  }

  /** The whole column, read where it was not yet. */
  #whole<A extends Float64Array | Uint8Array | Uint32Array>(kind: ColumnKind, name: string): { values: A; coder: Utf8Coder | null } {
    const key = `${kind}:${name}`;
    const known = this.#read.get(key) as { values: A; coder: Utf8Coder | null } | undefined;
    if (known) return known;
    const entry = this.#readChunks(kind, name);
    this.#soFar.delete(key);
    // Fewer rows than told: the rows read, without the room left.
    const values = (entry.values.length === this.#length ? entry.values : entry.values.slice(0, this.#length)) as A;
    const whole = { values, coder: entry.coder };
    this.#read.set(key, whole);
    return whole;
  }

  /** Each chunk's batches of a column, in row order. */
  #batches(name: string): Batch[] {
    return this.#tables.flatMap((t) => {
      const col = t.getChild(name);
      if (!col) throw new Error(`facts: no column ${name}`);
      return col.data as unknown as Batch[];
    });
  }

  /** A number column (float, integer or decimal) as doubles, NaN for NULL. */
  doubles(name: string): Float64Array {
    return this.#whole<Float64Array>('doubles', name).values;
  }

  /** A money column (a decimal of any scale, or whole 万元 as an integer) as exact cents, NaN for NULL. */
  cents(name: string): Float64Array {
    return this.#whole<Float64Array>('cents', name).values;
  }

  /**
   * A money column as DuckDB casts it to DOUBLE: the unscaled integer divided by 10^scale (as
   * DuckDB does for decimals of up to 18 digits), NaN for NULL.
   */
  moneyDoubles(name: string): Float64Array {
    return this.#whole<Float64Array>('moneyDoubles', name).values;
  }

  /** A boolean column: 0 false, 1 true, 2 NULL. */
  bools(name: string): Uint8Array {
    return this.#whole<Uint8Array>('bools', name).values;
  }

  /** A text column as codes of first appearance (0 for NULL). */
  text(name: string): TextCodes {
    const { values, coder } = this.#whole<Uint32Array>('text', name);
    return { codes: values, values: coder!.values };
  }

  /** A text column's UTF-8 batches as they are (flechette's Utf8 batches; NULL as empty). */
  utf8(name: string): Utf8Batch[] {
    const key = `utf8:${name}`;
    if (!this.#read.has(key))
      this.#read.set(
        key,
        this.#batches(name).map((b) => {
          if (b.type.typeId === Type.Utf8 && b.offsets) return b as unknown as Utf8Batch;
          const encoder = new TextEncoder();
          const parts = Array.from({ length: b.length }, (_, i) => (valid(b, i) ? encoder.encode(String(b.at(i))) : new Uint8Array(0)));
          const offsets = new Int32Array(b.length + 1);
          parts.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
          const values = new Uint8Array(offsets[b.length]);
          parts.forEach((p, i) => values.set(p, offsets[i]));
          return { length: b.length, values, offsets };
        })
      );
    return this.#read.get(key) as Utf8Batch[];
  }
}

/** What a column's NULLs read as, by kind. */
const NONE: Record<ColumnKind, number> = { doubles: NaN, cents: NaN, moneyDoubles: NaN, bools: 2, text: 0 };

/** Writes a chunk's batches of a column into `out` from row `row` as `kind` reads them, then its NULLs as NONE[kind]. */
function fillPart(
  kind: ColumnKind,
  batches: Batch[],
  out: Float64Array | Uint8Array | Uint32Array,
  row: number,
  coder: Utf8Coder | null
): void {
  for (const b of batches) {
    if (kind === 'doubles') writeDoubles(b, out as Float64Array, row);
    else if (kind === 'cents') writeMoney(b, out as Float64Array, row, centsOfUnscaled, bigCents, (v) => v * 100);
    else if (kind === 'moneyDoubles')
      writeMoney(
        b,
        out as Float64Array,
        row,
        (u, scale) => u / 10 ** scale,
        (u, scale) => Number(u) / 10 ** scale,
        (v) => v
      );
    else if (kind === 'bools') writeBools(b, out as Uint8Array, row);
    else writeText(b, out as Uint32Array, row, coder!);
    if (b.nullCount && b.validity) for (let i = 0; i < b.length; i++) if (!valid(b, i)) out[row + i] = NONE[kind];
    row += b.length;
  }
}

function writeDoubles(b: Batch, out: Float64Array, row: number): void {
  if (b.type.typeId === Type.Float || (b.type.typeId === Type.Int && (b.type.bitWidth ?? 32) <= 32)) {
    out.set((b.values as unknown as Float64Array).subarray(0, b.length), row);
    return;
  }
  for (let i = 0; i < b.length; i++) out[row + i] = valid(b, i) ? Number(b.at(i)) : NaN;
}

function writeMoney(
  b: Batch,
  out: Float64Array,
  row: number,
  small: (unscaled: number, scale: number) => number,
  wide: (unscaled: bigint, scale: number) => number,
  whole: (value: number) => number
): void {
  const n = b.length;
  if (b.type.typeId === Type.Int) {
    for (let i = 0; i < n; i++) out[row + i] = valid(b, i) ? whole(Number(b.at(i))) : NaN;
    return;
  }
  const scale = b.type.scale ?? 0;
  const bits = b.type.bitWidth ?? 128;
  if (bits === 32) {
    const values = new Int32Array(b.values.buffer, b.values.byteOffset, b.values.byteLength / 4);
    for (let i = 0; i < n; i++) out[row + i] = small(values[i], scale);
    return;
  }
  const words = new Uint32Array(b.values.buffer, b.values.byteOffset, b.values.byteLength / 4);
  const per = bits / 32;
  for (let i = 0; i < n; i++) {
    // A NULL's words are whatever the writer left: not read.
    if (b.nullCount && !valid(b, i)) continue;
    const unscaled = smallDecimal(words, per, i);
    out[row + i] = unscaled === null ? wide(wideDecimal(words, per, i), scale) : small(unscaled, scale);
  }
}

function writeBools(b: Batch, out: Uint8Array, row: number): void {
  // Arrow's booleans are bits, least significant first.
  const bits = b.values as unknown as Uint8Array;
  for (let i = 0; i < b.length; i++) out[row + i] = (bits[i >> 3] >> (i & 7)) & 1;
}

function writeText(b: Batch, out: Uint32Array, row: number, coder: Utf8Coder): void {
  const nulls = !!b.nullCount;
  if (b.type.typeId === Type.Utf8 && b.offsets) {
    const bytes = b.values as unknown as Uint8Array;
    const offsets = b.offsets;
    for (let i = 0; i < b.length; i++) if (!nulls || valid(b, i)) out[row + i] = coder.code(bytes, offsets[i], offsets[i + 1]);
    return;
  }
  for (let i = 0; i < b.length; i++) if (!nulls || valid(b, i)) out[row + i] = coder.codeOfText(String(b.at(i)));
}
