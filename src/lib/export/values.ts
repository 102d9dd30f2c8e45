/**
 * A result's values as an export writes them, read from Arrow (flechette, decimals as scaled
 * integers): money as its exact decimal text, dates as ISO days, numbers as numbers. One reading
 * for every format, so a CSV and an XLSX of the same rows cannot differ.
 */
import { tableFromIPC, Type, type Table } from '@uwdata/flechette';
import type { ColumnKind, ExportColumn } from './types.ts';

/** A cell: null (empty), text, or a number with, for money, its exact decimal text. */
export type CellValue = null | { text: string } | { number: number; exact?: string; date?: string };

export interface ColumnReader {
  kind: ColumnKind;
  at(row: number): CellValue;
}

/** Arrow IPC bytes as a table whose decimals are exact (scaled integers). */
export function readIpc(ipc: Uint8Array): Table {
  return tableFromIPC(ipc, { useDecimalInt: true });
}

/** A scaled integer as decimal text: (123450n, 2) → "1234.50". */
export function decimalText(scaled: bigint | number, scale: number): string {
  if (scale === 0) return String(scaled);
  const n = Number(scaled);
  // Within 2^53 the digits are those of a double, and number arithmetic is several times faster.
  const digits = Number.isSafeInteger(n) ? String(Math.abs(n)) : String(scaled < 0 ? -BigInt(scaled) : BigInt(scaled));
  const padded = digits.padStart(scale + 1, '0');
  return `${scaled < 0 ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** Days (or milliseconds) since 1970-01-01 as 'YYYY-MM-DD' (a calendar date, no time zone). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function reader(table: Table, column: ExportColumn): ColumnReader {
  const child = table.getChild(column.id);
  if (!child) throw new RangeError(`the result has no column ${column.id}`);
  const type = child.type as { typeId: number; scale?: number };
  const get = (i: number) => child.at(i) as unknown;
  const kind = column.kind;
  if (type.typeId === Type.Decimal) {
    const scale = type.scale ?? 0;
    return {
      kind,
      at(i) {
        const v = get(i) as bigint | number | null;
        if (v === null || v === undefined) return null;
        const exact = decimalText(v, scale);
        return { number: Number(exact), exact };
      }
    };
  }
  if (type.typeId === Type.Date || type.typeId === Type.Timestamp) {
    return {
      kind,
      at(i) {
        const v = get(i) as number | null;
        return v === null || v === undefined ? null : { number: v, date: isoDay(v) };
      }
    };
  }
  return {
    kind,
    at(i) {
      const v = get(i);
      if (v === null || v === undefined) return null;
      if (typeof v === 'number' || typeof v === 'bigint') return kind === 'text' ? { text: String(v) } : { number: Number(v) };
      return { text: String(v) };
    }
  };
}

/** One reader per export column, in the columns' order. */
export function columnReaders(table: Table, columns: readonly ExportColumn[]): ColumnReader[] {
  return columns.map((c) => reader(table, c));
}
