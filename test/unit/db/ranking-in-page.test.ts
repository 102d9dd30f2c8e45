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
import { emptyFilters, statePredicate, type FilterState } from '../../../src/lib/state/filters.ts';
import { selectMask } from '../../../src/lib/db/local/filter-index.ts';
import { localRowsBase, selectedRows } from '../../../src/lib/db/local/answers.ts';
import { topRows } from '../../../src/lib/db/local/top-rows.ts';
import { rankingQuery, rankingTop, RANKINGS } from '../../../src/lib/queries/drilldown.ts';
import { rankingBaseInPage } from '../../../src/lib/queries/ranking-in-page.ts';
import { openWasm, type Engine } from './engines.ts';
import { DISTRICTS, loadParityFixture, MONTHS, parityFixture } from './parity-fixture.ts';
import { ipcOf, monthInPage, rules } from './page-rows-fixture.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm();
  await loadParityFixture(engine.connector, parityFixture(20220630));
});
afterAll(() => engine?.close());

const rowsOf = async (q: Query | string) => tableFromIPC(await ipcOf(engine, q)).toArray() as Record<string, unknown>[];

const FILTERS: Partial<FilterState>[] = [{}, { district: [Object.keys(DISTRICTS)[1]] }, { sector: ['infrastructure'] }, { phase: ['new'] }];

describe("a ranking's base in the page", () => {
  it.each(MONTHS)('cut for a district, a sector and no filter, equals rankingQuery in %s', async (monthKey) => {
    const { name, index, page } = await monthInPage(engine, monthKey);
    const month = toMonth(monthKey);
    let compared = 0;
    for (const ranking of RANKINGS) {
      const base = localRowsBase(rankingBaseInPage(ranking)(page, { month, rules, tables: {} }), index);
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
