/**
 * A ranking's base computed in the page (queries/ranking-in-page.ts, from the filter index and the
 * page rows kept of the decoded facts) against DuckDB's rankingQuery: on every month of the parity
 * fixture, for every ranking, the page's answer (the base cut by top-rows.ts for a district, a
 * sector and no filter) equals the SQL answer with the same filter, rows, order, metrics and shares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { Query } from '@uwdata/mosaic-sql';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { factsRelation } from '../../../src/lib/metrics/query.ts';
import { emptyFilters, statePredicate, type FilterState } from '../../../src/lib/state/filters.ts';
import { FactsColumns } from '../../../src/lib/db/local/facts-columns.ts';
import { indexFromFacts, PAGE_FACTS_COLUMNS, PAGE_FACTS_READS } from '../../../src/lib/db/local/index-from-facts.ts';
import type { FilterIndex } from '../../../src/lib/db/local/filter-index.ts';
import { selectMask } from '../../../src/lib/db/local/filter-index.ts';
import { localRowsBase, selectedRows } from '../../../src/lib/db/local/answers.ts';
import { pageRowsFromFacts, type PageRows } from '../../../src/lib/db/local/page-rows.ts';
import { topRows } from '../../../src/lib/db/local/top-rows.ts';
import { rankingQuery, rankingTop, RANKINGS } from '../../../src/lib/queries/drilldown.ts';
import { rankingBaseInPage } from '../../../src/lib/queries/ranking-in-page.ts';
import { openWasm, type Engine } from './engines.ts';
import { DISTRICTS, loadParityFixture, MONTHS, PARITY_PRESET, parityFixture } from './parity-fixture.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm();
  await loadParityFixture(engine.connector, parityFixture(20220630));
});
afterAll(() => engine?.close());

const rules = metricRules(PARITY_PRESET);
const ipc = async (q: Query | string) => (await engine.connector.query({ type: 'arrow', sql: String(q) } as never)) as Uint8Array;
const rowsOf = async (q: Query | string) => tableFromIPC(await ipc(q)).toArray() as Record<string, unknown>[];

/** The month's facts as a table, and as the page has them: the index and the page rows from IPC chunks of its columns. */
async function monthInPage(month: string): Promise<{ name: string; index: FilterIndex; page: PageRows }> {
  const name = `facts_${month.replace('-', '_')}`;
  await engine.rows(`CREATE OR REPLACE TABLE ${name} AS ${Query.from(factsRelation(month, rules, true)).select('*')}`);
  const [{ n }] = await engine.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${name}`);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < Number(n); at += 41)
    chunks.push(await ipc(`SELECT ${PAGE_FACTS_COLUMNS.join(', ')} FROM ${name} ORDER BY rowid LIMIT 41 OFFSET ${at}`));
  const facts = new FactsColumns([], PAGE_FACTS_READS);
  for (const c of chunks) facts.add(c);
  const index = indexFromFacts(facts) as FilterIndex;
  return { name, index, page: pageRowsFromFacts(facts, index) };
}

const FILTERS: Partial<FilterState>[] = [{}, { district: [Object.keys(DISTRICTS)[1]] }, { sector: ['infrastructure'] }, { phase: ['new'] }];

describe("a ranking's base in the page", () => {
  it.each(MONTHS)('cut for a district, a sector and no filter, equals rankingQuery in %s', async (monthKey) => {
    const { name, index, page } = await monthInPage(monthKey);
    const month = toMonth(monthKey);
    let compared = 0;
    for (const ranking of RANKINGS) {
      const base = localRowsBase(rankingBaseInPage(ranking)(page, { monthIndex: month.index, rules }), index);
      for (const filters of FILTERS) {
        const filter = statePredicate(filters) ?? undefined;
        for (const limit of [10, 1000]) {
          const ctx = { facts: { facts: name }, filter, month, rules };
          const fromSql = await rowsOf(rankingQuery(ctx, ranking, limit));
          const mask = selectMask(index, { ...emptyFilters(), ...filters });
          const inPage = topRows(selectedRows(base, mask), rankingTop(ranking, limit)).toArray();
          const label = JSON.stringify({ ranking, filters, limit });
          expect([label, inPage]).toEqual([label, fromSql]);
          compared += fromSql.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
