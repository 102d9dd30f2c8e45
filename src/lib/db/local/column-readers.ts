/**
 * How a column of a decoded facts chunk (flechette's batches of Arrow IPC) is read into an array:
 * numbers as Float64Array with NaN for NULL, money as exact cents or as DuckDB's doubles, booleans
 * as 0 / 1 / 2 (NULL), text as codes of first appearance. The one definition of these rules, run
 * in the decoding worker on each chunk (chunk-columns.ts) and in the page on chunks read there
 * (facts-columns.ts). Columns are read by their Arrow buffers, not value by value: at 1M projects
 * flechette's per-value access (a TextDecoder call per string) took seconds.
 */
import { Type } from '@uwdata/flechette';
import type { Utf8Batch } from './utf8-batches.ts';

export interface Batch {
  length: number;
  nullCount: number;
  validity?: Uint8Array | null;
  values: ArrayLike<number | bigint> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
  offsets?: Int32Array;
  type: { typeId: number; scale?: number; bitWidth?: number };
  at(i: number): unknown;
}

export const valid = (b: Batch, i: number) => !b.nullCount || !b.validity || (b.validity[i >> 3] & (1 << (i & 7))) !== 0;

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
export class Utf8Coder {
  readonly values: string[] = [];
  readonly #bytes: Uint8Array[] = [];
  /** Hash of each code's bytes (index: code). */
  #hashes = new Int32Array(64);
  /** Codes by hash slot (0: empty). */
  #slots = new Int32Array(64);
  readonly #byText = new Map<string, number>();
  readonly #decoder = new TextDecoder();

  /** Code (from 1) of `bytes[start, end)`; `text`: their text, when known. */
  code(bytes: Uint8Array, start: number, end: number, text?: string): number {
    let h = 0x811c9dc5;
    for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p], 0x01000193);
    const mask = this.#slots.length - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const code = this.#slots[slot];
      if (code === 0) {
        const copy = bytes.slice(start, end);
        return this.#add(text ?? this.#decoder.decode(copy), copy, h, slot);
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
    return this.code(bytes, 0, bytes.length, text);
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

/** An array of `n` values of a kind: Float64Array, Uint8Array (bools) or Uint32Array (text codes). */
export const arrayOf = (kind: ColumnKind, n: number) =>
  kind === 'bools' ? new Uint8Array(n) : kind === 'text' ? new Uint32Array(n) : new Float64Array(n);

export type ColumnValues = Float64Array | Uint8Array | Uint32Array;

/** A batch of a text column as UTF-8 with offsets (NULL as empty): Utf8 batches as they are, others encoded. */
export function utf8Batch(b: Batch): Utf8Batch {
  if (b.type.typeId === Type.Utf8 && b.offsets) return b as unknown as Utf8Batch;
  const encoder = new TextEncoder();
  const parts = Array.from({ length: b.length }, (_, i) => (valid(b, i) ? encoder.encode(String(b.at(i))) : new Uint8Array(0)));
  const offsets = new Int32Array(b.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
  const values = new Uint8Array(offsets[b.length]);
  parts.forEach((p, i) => values.set(p, offsets[i]));
  return { length: b.length, values, offsets };
}

/** What a column's NULLs read as, by kind. */
const NONE: Record<ColumnKind, number> = { doubles: NaN, cents: NaN, moneyDoubles: NaN, bools: 2, text: 0 };

/** Writes a chunk's batches of a column into `out` from row `row` as `kind` reads them, then its NULLs as NONE[kind]. */
export function fillPart(
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
