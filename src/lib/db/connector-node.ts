/**
 * Connector over @duckdb/node-api for Node scripts (bulletins, checks): the same SQL as the
 * browser. node-api's arrow extension is not available offline, so results are converted to
 * Arrow IPC with flechette: numbers, strings, booleans and dates only, which is what the
 * query core's outputs are (money is cast to DOUBLE at the output of display queries).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import type { Connector } from '@uwdata/mosaic-core';
import { ipcConnector } from './connector.ts';

function toJs(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && value !== null && 'days' in value && typeof (value as { days: unknown }).days === 'number') {
    return new Date((value as { days: number }).days * 86_400_000);
  }
  if (typeof value === 'object' && value !== null && 'toDouble' in value) return (value as { toDouble(): number }).toDouble();
  return value;
}

/** Runs `sql` on a node-api connection and returns its rows as column arrays of JS values. */
export async function runColumns(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown[]>> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const columns = reader.getColumns();
  // A result without rows has no columns to read: each name gets an empty one.
  return Object.fromEntries(names.map((n, i) => [n, (columns[i] ?? []).map(toJs)]));
}

export function nodeApiConnector(conn: DuckDBConnection): Connector {
  return ipcConnector(async (sql) => {
    const columns = await runColumns(conn, sql);
    return tableToIPC(tableFromArrays(columns), { format: 'stream' })!;
  });
}
