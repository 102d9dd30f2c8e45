/**
 * A console result's values as text, exactly as stored: decimals (money in 万元) from their scaled
 * integers, 64-bit integers from BigInt, dates as ISO days, nested values as JSON. Read by the
 * result table; the export writes its files from the same Arrow by its own reading (export/values.ts).
 */
import { Type, type Table } from '@uwdata/flechette';
import { decimalText, isoDay } from '../export/values.ts';

interface ArrowType {
  typeId: number;
  scale?: number;
  precision?: number;
  bitWidth?: number;
  signed?: boolean;
}

export interface ResultColumn {
  name: string;
  /** The Arrow type in a few words ('DECIMAL(18,2)', 'INT64', 'VARCHAR'…). */
  type: string;
  /** Right-aligned in tabular digits. */
  numeric: boolean;
  /** The text of the value at a row, or null for NULL. */
  text(row: number): string | null;
}

const NUMERIC = new Set<number>([Type.Int, Type.Float, Type.Decimal]);

function typeName(t: ArrowType): string {
  switch (t.typeId) {
    case Type.Decimal:
      return `DECIMAL(${t.precision},${t.scale})`;
    case Type.Int:
      return `${t.signed === false ? 'U' : ''}INT${t.bitWidth}`;
    case Type.Float:
      return 'DOUBLE';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return 'VARCHAR';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp:
      return 'TIMESTAMP';
    case Type.Time:
      return 'TIME';
    case Type.Interval:
      return 'INTERVAL';
    case Type.List:
    case Type.LargeList:
    case Type.FixedSizeList:
      return 'LIST';
    case Type.Struct:
      return 'STRUCT';
    case Type.Map:
      return 'MAP';
    case Type.Null:
      return 'NULL';
    default:
      return 'BLOB';
  }
}

/** Lists come as typed arrays, 64-bit integers as BigInt. */
const json = (v: unknown) =>
  JSON.stringify(v, (_, x) =>
    typeof x === 'bigint' ? x.toString() : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<unknown>) : x
  );

/** A float as written by DuckDB's own shortest form, but at most 6 decimals (the export keeps them all). */
function floatText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const rounded = Math.round(v * 1e6) / 1e6;
  return Math.abs(v) >= 1e15 || (v !== 0 && Math.abs(v) < 1e-6) ? v.toExponential(6) : String(rounded);
}

/** How a value of type `t` reads. */
function textOf(t: ArrowType, v: unknown): string {
  switch (t.typeId) {
    case Type.Decimal:
      return decimalText(v as bigint | number, t.scale ?? 0);
    case Type.Float:
      return floatText(v as number);
    case Type.Date:
      return isoDay(v as number);
    case Type.Timestamp:
      return new Date(Number(v))
        .toISOString()
        .replace('T', ' ')
        .replace(/(\.000)?Z$/, '');
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return v as string;
    default:
      return typeof v === 'object' ? json(v) : String(v);
  }
}

/** The columns of a result (by position: a result may name two columns alike). */
export function resultColumns(table: Table): ResultColumn[] {
  return table.schema.fields.map((field, i) => {
    const type = field.type as ArrowType;
    const child = table.getChildAt(i);
    return {
      name: field.name,
      type: typeName(type),
      numeric: NUMERIC.has(type.typeId),
      text(row) {
        const v = child.at(row);
        return v === null || v === undefined ? null : textOf(type, v);
      }
    };
  });
}
