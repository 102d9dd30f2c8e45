/**
 * The first paint from the dataset's points.arrow (scripts/lib/first-paint.ts writes it with
 * projects.parquet): Arrow IPC read with apache-arrow on the main thread, no WebAssembly, so the
 * points can be handed to the map before parquet-wasm or duckdb-wasm have compiled. The columns
 * come largest project first; only lon/lat are interleaved here.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import { DataLoadError, describeError } from './errors.ts';
import type { DataSource } from './data-source.ts';
import { NEVER, type PreviewColumns } from './preview-points.ts';

const COLUMNS = {
  lon: Float32Array,
  lat: Float32Array,
  phase: Uint8Array,
  sqrt_total: Float32Array,
  sqrt_annual: Float32Array,
  exited: Int32Array,
  row_key: Int32Array
} as const;
type Name = keyof typeof COLUMNS;
const OPTIONAL: readonly Name[] = ['exited', 'row_key'];

/** The file's columns as the first paint's; throws naming the file and the column that is wrong. */
export function firstPaintColumns(table: Table, file: string): PreviewColumns {
  const n = table.numRows;
  const bad = (detail: string) =>
    new DataLoadError({ key: 'error.notArrow', params: { file, detail } }, file, Object.keys(COLUMNS).join(', '));
  const read = <N extends Name>(name: N): InstanceType<(typeof COLUMNS)[N]> | null => {
    const col = table.getChild(name);
    if (!col) {
      if (OPTIONAL.includes(name)) return null;
      throw bad(`no column ${name}`);
    }
    if (col.nullCount > 0) throw bad(`column ${name}: ${col.nullCount} null value(s)`);
    const values = col.toArray();
    if (!(values instanceof COLUMNS[name]))
      throw bad(`column ${name}: ${COLUMNS[name].name.replace('Array', '')} expected, ${String(col.type)} found`);
    return values as InstanceType<(typeof COLUMNS)[N]>;
  };
  const lon = read('lon')!;
  const lat = read('lat')!;
  const lonlat = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    lonlat[2 * i] = lon[i];
    lonlat[2 * i + 1] = lat[i];
  }
  const rowKey = read('row_key');
  return {
    length: n,
    lonlat,
    phase: read('phase')!,
    sqrtTotal: read('sqrt_total')!,
    sqrtAnnual: read('sqrt_annual')!,
    exited: read('exited') ?? new Int32Array(n).fill(NEVER),
    ...(rowKey ? { rowKey } : {})
  };
}

export async function loadFirstPaint(source: DataSource, file: string): Promise<PreviewColumns> {
  const bytes = await source.bytes(file);
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new DataLoadError({ key: 'error.notArrow', params: { file, detail: describeError(err) } }, file, 'Arrow IPC');
  }
  return firstPaintColumns(table, file);
}
