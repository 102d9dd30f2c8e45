/**
 * The names the console's queries read, stable whatever month or filters are shown: `facts` (the
 * month's facts as loaded), `selection` (those facts under the workspace's current filters: the
 * predicate every view gets, ctx.filter), and the dataset's source tables `projects`, `monthly`,
 * `problems`. They are temporary views on the console's own connection, over the tables of the
 * data database; they show only the columns the dataset may show (schema.ts): a public dataset's
 * internal columns are not in them, and it has no `monthly` or `problems`.
 */
import { Query, sql } from '@uwdata/mosaic-sql';
import { columnsOf, FACTS_COLUMNS, factsColumnsOf, type TableName } from '../schema.ts';

export const STABLE_NAMES = ['facts', 'selection', 'projects', 'monthly', 'problems'] as const;
export type StableName = (typeof STABLE_NAMES)[number];

/** The source tables a dataset offers: a public one ships the projects only (scripts/lib/facts-files.ts). */
export function sourceTables(internal: boolean): TableName[] {
  return internal ? ['projects', 'monthly', 'problems'] : ['projects'];
}

/** Each stable name the dataset has, with its columns in order (completion, the schema list, the views). */
export function stableColumns(internal: boolean): Partial<Record<StableName, string[]>> {
  const facts = internal ? [...FACTS_COLUMNS] : factsColumnsOf('public');
  const columns: Partial<Record<StableName, string[]>> = { facts, selection: facts };
  for (const table of sourceTables(internal)) columns[table] = columnsOf(table, internal ? undefined : 'public');
  return columns;
}

/** What the views are made over, as the query core has it at the moment of a run. */
export interface ConsoleSources {
  /** The month's facts: a table name of the data database, or a query (Node tests, no materialised facts). */
  facts: string | { toString(): string };
  /** The current filters' predicate (SQL), or null for none. */
  filter: string | null;
  /** The source tables loaded in the data database. */
  tables: readonly TableName[];
  internal: boolean;
  /** The data database the tables are in (data-database.ts). */
  database: string;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The FROM entry of a data table, qualified: the console's connection does not use the data database. */
function dataTable(database: string, table: string) {
  return sql`${ident(database)}.main.${ident(table)}`;
}

/** CREATE OR REPLACE TEMP VIEW statements for every stable name available now. */
export function viewStatements(s: ConsoleSources): string[] {
  const columns = stableColumns(s.internal);
  const facts = typeof s.facts === 'string' ? dataTable(s.database, s.facts) : sql`(${String(s.facts)})`;
  const view = (name: StableName, query: Query) => `CREATE OR REPLACE TEMP VIEW ${name} AS ${query}`;
  const statements = [view('facts', Query.from(facts).select(columns.facts!))];
  const selection = Query.from(facts).select(columns.selection!);
  statements.push(view('selection', s.filter ? selection.where(sql`${s.filter}`) : selection));
  for (const table of sourceTables(s.internal)) {
    if (s.tables.includes(table)) statements.push(view(table, Query.from(dataTable(s.database, table)).select(columns[table]!)));
  }
  return statements;
}

/** The source tables a query reads (DuckDB's own list of its table names, getTableNames) that the dataset offers. */
export function tablesRead(names: readonly string[], internal: boolean): TableName[] {
  const lower = new Set(names.map((n) => n.toLowerCase()));
  return sourceTables(internal).filter((t) => lower.has(t));
}
