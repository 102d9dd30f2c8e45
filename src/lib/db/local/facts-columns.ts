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

/** Utf8 byte strings coded by first appearance: a hash of the bytes, compared in full on a hit. */
class Utf8Coder {
  readonly values: string[] = [];
  readonly #bytes: Uint8Array[] = [];
  readonly #byHash = new Map<number, number[]>();
  readonly #byText = new Map<string, number>();
  readonly #decoder = new TextDecoder();

  /** Code (from 1) of `bytes[start, end)`. */
  code(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p], 0x01000193);
    const known = this.#byHash.get(h);
    if (known) {
      for (const code of known) {
        const b = this.#bytes[code - 1];
        if (b.length !== end - start) continue;
        let k = 0;
        while (k < b.length && b[k] === bytes[start + k]) k++;
        if (k === b.length) return code;
      }
    }
    const copy = bytes.slice(start, end);
    const code = this.#add(this.#decoder.decode(copy), copy);
    if (known) known.push(code);
    else this.#byHash.set(h, [code]);
    return code;
  }

  /** Code of a string that came without its bytes (a dictionary-encoded or large text column). */
  codeOfText(text: string): number {
    const known = this.#byText.get(text);
    if (known) return known;
    const bytes = new TextEncoder().encode(text);
    return this.code(bytes, 0, bytes.length);
  }

  #add(text: string, bytes: Uint8Array): number {
    this.values.push(text);
    this.#bytes.push(bytes);
    const code = this.values.length;
    this.#byText.set(text, code);
    return code;
  }
}

/** The decoded chunks of one month, read column by column into whole-month arrays. */
export class FactsColumns {
  readonly length: number;
  readonly #tables: Table[];

  constructor(chunks: readonly Uint8Array[]) {
    this.#tables = chunks.map((c) => tableFromIPC(c));
    this.length = this.#tables.reduce((n, t) => n + t.numRows, 0);
  }

  /** Each chunk's batches of a column, in row order. */
  #batches(name: string): Batch[] {
    return this.#tables.flatMap((t) => {
      const col = t.getChild(name);
      if (!col) throw new Error(`facts: no column ${name}`);
      return col.data as unknown as Batch[];
    });
  }

  /** Fills `out` batch by batch: `read(batch, i)` for each valid value, `none` for NULL. */
  #fill<A extends { [i: number]: number }>(name: string, out: A, none: number, read: (b: Batch) => (i: number) => number): A {
    let row = 0;
    for (const b of this.#batches(name)) {
      const value = read(b);
      for (let i = 0; i < b.length; i++) out[row + i] = valid(b, i) ? value(i) : none;
      row += b.length;
    }
    return out;
  }

  /** A number column (float, integer or decimal) as doubles, NaN for NULL. */
  doubles(name: string): Float64Array {
    return this.#fill(name, new Float64Array(this.length), NaN, (b) => {
      if (b.type.typeId === Type.Float || (b.type.typeId === Type.Int && (b.type.bitWidth ?? 32) <= 32)) {
        const values = b.values as ArrayLike<number>;
        return (i) => values[i];
      }
      return (i) => Number(b.at(i));
    });
  }

  /** A money column (a decimal of any scale, or whole 万元 as an integer) as exact cents, NaN for NULL. */
  cents(name: string): Float64Array {
    return this.#money(name, centsOfUnscaled, bigCents, (v) => v * 100);
  }

  /**
   * A money column as DuckDB casts it to DOUBLE: the unscaled integer divided by 10^scale (as
   * DuckDB does for decimals of up to 18 digits), NaN for NULL.
   */
  moneyDoubles(name: string): Float64Array {
    return this.#money(
      name,
      (u, scale) => u / 10 ** scale,
      (u, scale) => Number(u) / 10 ** scale,
      (v) => v
    );
  }

  #money(
    name: string,
    small: (unscaled: number, scale: number) => number,
    wide: (unscaled: bigint, scale: number) => number,
    whole: (value: number) => number
  ): Float64Array {
    return this.#fill(name, new Float64Array(this.length), NaN, (b) => {
      if (b.type.typeId === Type.Int) return (i) => whole(Number(b.at(i)));
      const scale = b.type.scale ?? 0;
      const bits = b.type.bitWidth ?? 128;
      if (bits === 32) {
        const values = new Int32Array(b.values.buffer, b.values.byteOffset, b.values.byteLength / 4);
        return (i) => small(values[i], scale);
      }
      const words = new Uint32Array(b.values.buffer, b.values.byteOffset, b.values.byteLength / 4);
      const per = bits / 32;
      return (i) => {
        const unscaled = smallDecimal(words, per, i);
        return unscaled === null ? wide(wideDecimal(words, per, i), scale) : small(unscaled, scale);
      };
    });
  }

  /** A boolean column: 0 false, 1 true, 2 NULL. */
  bools(name: string): Uint8Array {
    return this.#fill(name, new Uint8Array(this.length), 2, (b) => (i) => (b.at(i) ? 1 : 0));
  }

  /** A text column as codes of first appearance (0 for NULL). */
  text(name: string): TextCodes {
    const coder = new Utf8Coder();
    const codes = this.#fill(name, new Uint32Array(this.length), 0, (b) => {
      const { offsets, values } = b;
      if (b.type.typeId === Type.Utf8 && offsets) {
        const bytes = values as unknown as Uint8Array;
        return (i) => coder.code(bytes, offsets[i], offsets[i + 1]);
      }
      return (i) => coder.codeOfText(String(b.at(i)));
    });
    return { codes, values: coder.values };
  }

  /** A text column's UTF-8 batches as they are (flechette's Utf8 batches; NULL as empty). */
  utf8(name: string): Utf8Batch[] {
    return this.#batches(name).map((b) => {
      if (b.type.typeId === Type.Utf8 && b.offsets) return b as unknown as Utf8Batch;
      const encoder = new TextEncoder();
      const parts = Array.from({ length: b.length }, (_, i) => (valid(b, i) ? encoder.encode(String(b.at(i))) : new Uint8Array(0)));
      const offsets = new Int32Array(b.length + 1);
      parts.forEach((p, i) => (offsets[i + 1] = offsets[i] + p.length));
      const values = new Uint8Array(offsets[b.length]);
      parts.forEach((p, i) => values.set(p, offsets[i]));
      return { length: b.length, values, offsets };
    });
  }
}
