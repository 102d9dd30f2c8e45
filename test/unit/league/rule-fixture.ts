/** An in-memory @duckdb/node-api database with the dataset tables from schema.ts, and rows given by hand (other columns NULL). */
import { TABLES, type TableName } from '../../../src/lib/schema.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

type Cell = string | number | boolean | null;

const sqlValue = (v: Cell) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));

export async function ruleDb(rows: Partial<Record<TableName, Record<string, Cell>[]>>): Promise<Engine> {
  const engine = await openNodeApi();
  for (const [name, table] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
    await engine.rows(`CREATE TABLE ${name} (${table.columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
    for (const row of rows[name] ?? []) {
      const cols = Object.keys(row);
      await engine.rows(
        `INSERT INTO ${name} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => sqlValue(row[c])).join(', ')})`
      );
    }
  }
  return engine;
}
