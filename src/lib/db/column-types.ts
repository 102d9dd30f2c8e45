/**
 * A data file's columns against the schema, names and types at once, before anything of the file
 * is decoded: the one check every Parquet read goes through (parquet-decode.ts). Types are the
 * file's Arrow types, as parquet-wasm reads them; a type other than the schema's is accepted when
 * every query and view reads it as they read the schema's, and refused otherwise (the rules in
 * `accepts`).
 */
import { Type, type DataType } from '@uwdata/flechette';
import type { SqlType } from '../schema.ts';

/** A column a read needs: its name, and its type when the schema gives one. */
export interface ColumnNeed {
  name: string;
  type?: SqlType;
}

export interface TypeMismatch {
  column: string;
  expected: SqlType;
  /** The file's type, named as DuckDB names it. */
  found: string;
}

export interface SchemaProblems {
  missing: string[];
  mismatched: TypeMismatch[];
}

const INT_NAMES: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };

/** An Arrow type as DuckDB names it (what a dataset's author sees in DuckDB or the ingest report). */
export function typeName(type: DataType): string {
  switch (type.typeId) {
    case Type.Int:
      return `${type.signed ? '' : 'U'}${INT_NAMES[type.bitWidth] ?? `INT${type.bitWidth}`}`;
    case Type.Float:
      return ['HALF FLOAT', 'FLOAT', 'DOUBLE'][type.precision] ?? 'FLOAT';
    case Type.Decimal:
      return type.bitWidth === 128
        ? `DECIMAL(${type.precision},${type.scale})`
        : `DECIMAL${type.bitWidth}(${type.precision},${type.scale})`;
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'VARCHAR';
    case Type.Utf8View:
      return 'VARCHAR (string view)';
    case Type.Bool:
      return 'BOOLEAN';
    case Type.Date:
      return 'DATE';
    case Type.Timestamp:
      return type.timezone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
    case Type.Binary:
    case Type.LargeBinary:
      return 'BLOB';
    case Type.Null:
      return 'NULL';
    case Type.Dictionary:
      return typeName(type.dictionary);
    default:
      return Object.entries(Type).find(([, id]) => id === type.typeId)?.[0] ?? `Arrow type ${type.typeId}`;
  }
}

const isInt = (t: DataType) => t.typeId === Type.Int;
/** Half floats are left out: duckdb-wasm cannot take them in. */
const isFloat = (t: DataType) => t.typeId === Type.Float && t.precision > 0;
/** Decimals of up to 38 digits (128 bits): DuckDB has no wider ones. */
const isDecimal = (t: DataType) => t.typeId === Type.Decimal && t.bitWidth === 128;
const isText = (t: DataType): boolean =>
  t.typeId === Type.Utf8 || t.typeId === Type.LargeUtf8 || (t.typeId === Type.Dictionary && isText(t.dictionary));

/**
 * Whether a file's column of type `found` can stand for a schema column of type `expected`:
 *
 * - money, DECIMAL(18,2): any decimal of up to 38 digits, whatever its scale (sums stay exact
 *   and are turned into cents of 万元 once, metrics/sql.ts `cents`), or an integer (whole 万元).
 *   Never a floating-point number: money shown to leadership is never summed as floats.
 * - INTEGER and BIGINT (counts, row keys): an integer of any width or sign; DuckDB widens them
 *   and the page reads them through queries, as numbers.
 * - DOUBLE (coordinates, ratios): a 32- or 64-bit float, an integer or a decimal: DuckDB casts
 *   each to DOUBLE wherever one is needed, and results come to the page as numbers.
 * - BOOLEAN (flags): booleans only. An integer 0/1 breaks the filters' `coalesce(flag, FALSE)`.
 * - VARCHAR: text, also dictionary-encoded. Not binary (no encoding is known).
 * - DATE: a date (days or milliseconds). Not a timestamp: the day of a time with a time zone
 *   depends on the zone, and deadlines and months compare days.
 */
export function accepts(expected: SqlType, found: DataType): boolean {
  switch (expected) {
    case 'DECIMAL(18,2)':
      return isDecimal(found) || isInt(found);
    case 'INTEGER':
    case 'BIGINT':
      return isInt(found);
    case 'DOUBLE':
      return isFloat(found) || isInt(found) || isDecimal(found);
    case 'BOOLEAN':
      return found.typeId === Type.Bool;
    case 'VARCHAR':
      return isText(found);
    case 'DATE':
      return found.typeId === Type.Date;
  }
}

/** The columns a file lacks, and those whose type cannot stand for the schema's, in the order needed. */
export function schemaProblems(fields: readonly { name: string; type: DataType }[], needed: readonly ColumnNeed[]): SchemaProblems {
  const byName = new Map(fields.map((f) => [f.name, f.type]));
  const missing: string[] = [];
  const mismatched: TypeMismatch[] = [];
  for (const { name, type } of needed) {
    const found = byName.get(name);
    if (!found) missing.push(name);
    else if (type && !accepts(type, found)) mismatched.push({ column: name, expected: type, found: typeName(found) });
  }
  return { missing, mismatched };
}
