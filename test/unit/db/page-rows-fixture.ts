/**
 * A month of the parity fixture as the page has it (tests of bases made in the page): the facts
 * table in DuckDB, and the filter index and page rows built from IPC chunks of its page columns,
 * as the decoding worker hands them over.
 */
import { Query } from '@uwdata/mosaic-sql';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { factsRelation } from '../../../src/lib/metrics/query.ts';
import { FactsColumns } from '../../../src/lib/db/local/facts-columns.ts';
import { indexFromFacts, PAGE_FACTS_COLUMNS, PAGE_FACTS_READS } from '../../../src/lib/db/local/index-from-facts.ts';
import type { FilterIndex } from '../../../src/lib/db/local/filter-index.ts';
import { pageRowsFromFacts, type PageRows } from '../../../src/lib/db/local/page-rows.ts';
import type { Engine } from './engines.ts';
import { PARITY_PRESET } from './parity-fixture.ts';

export const rules = metricRules(PARITY_PRESET);

export const ipcOf = async (engine: Engine, q: Query | string) =>
  (await engine.connector.query({ type: 'arrow', sql: String(q) } as never)) as Uint8Array;

export async function monthInPage(engine: Engine, month: string): Promise<{ name: string; index: FilterIndex; page: PageRows }> {
  const name = `facts_${month.replace('-', '_')}`;
  await engine.rows(`CREATE OR REPLACE TABLE ${name} AS ${Query.from(factsRelation(month, rules, true)).select('*')}`);
  const [{ n }] = await engine.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${name}`);
  const facts = new FactsColumns([], PAGE_FACTS_READS);
  for (let at = 0; at < Number(n); at += 41)
    facts.add(await ipcOf(engine, `SELECT ${PAGE_FACTS_COLUMNS.join(', ')} FROM ${name} ORDER BY rowid LIMIT 41 OFFSET ${at}`));
  const index = indexFromFacts(facts) as FilterIndex;
  return { name, index, page: pageRowsFromFacts(facts, index) };
}
