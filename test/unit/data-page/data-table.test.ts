/**
 * The data page's query on DuckDB over a demo month's facts: a window is exactly that slice of
 * the whole ordered selection (which the exports run), values are named as the page names them,
 * and a public dataset's columns leave out every internal facts column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import {
  availableColumns,
  dataTableOrderQuery,
  dataTableQuery,
  dataTableRowsQuery,
  type LabelSource
} from '../../../src/lib/queries/data-table.ts';
import { inKeyOrder } from '../../../src/lib/views/data/row-window.svelte.ts';
import { factsColumnsOf } from '../../../src/lib/schema.ts';
import { translate } from '../../../src/lib/i18n/translate.ts';
import { clickSort, parseColumns, parseSortKeys } from '../../../src/lib/views/data/data-settings.svelte.ts';
import { fileFilterSummary } from '../../../src/lib/views/data/export-request.ts';
import { emptyFilters } from '../../../src/lib/state/dimensions.ts';
import type { QueryContext } from '../../../src/lib/db/coordinator-client.ts';
import type { UrlNotice } from '../../../src/lib/state/url-values.ts';

const DS = 'liuzhou-2022';
const meta = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string };
const FACTS = `static/data/${DS}/facts/${meta.as_of.slice(0, 7)}.parquet`;
let conn: DuckDBConnection;
const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
const ctx = { facts: { facts: 'facts' }, filter: undefined } as unknown as QueryContext;
const labels = (locale: 'zh-CN' | 'en', districts = new Map<string, string>()): LabelSource => ({
  message: (key, params) => translate(locale, key, params),
  districts
});

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  await conn.run(`CREATE TABLE facts AS SELECT * FROM read_parquet('${FACTS}')`);
});
afterAll(() => conn?.closeSync());

describe('the data table query', () => {
  const columns = availableColumns(true);
  const sort = [
    { id: 'sector', descending: false },
    { id: 'total_investment', descending: true }
  ];

  it('gives each window exactly the rows of the whole ordered selection at its place', async () => {
    const all = await rows(String(dataTableQuery(ctx, { columns, sort, labels: labels('zh-CN') })));
    for (const offset of [0, 137, all.length - 50]) {
      const window = await rows(String(dataTableQuery(ctx, { columns, sort, labels: labels('zh-CN'), offset, limit: 100 })));
      expect(window).toEqual(all.slice(offset, offset + 100));
    }
  });

  it('gives the same rows from the order of row keys and a window of keys, wherever the window is', async () => {
    const filtered = { ...ctx, filter: "sector <> 'ecology'" } as unknown as QueryContext;
    for (const c of [ctx, filtered]) {
      const all = await rows(String(dataTableQuery(c, { columns, sort, labels: labels('zh-CN') })));
      const keys = Int32Array.from(
        (await rows(String(dataTableOrderQuery(c, { sort, labels: labels('zh-CN') })))).map((r) => Number(r.row_key))
      );
      expect(keys.length).toBe(all.length);
      for (const offset of [0, 1, 137, all.length - 50]) {
        const window = keys.subarray(offset, offset + 100);
        const found = await rows(String(dataTableRowsQuery(c, { columns, labels: labels('zh-CN') }, window)));
        const shownRows = inKeyOrder(window, found).map(({ row_key: _key, ...r }) => r);
        expect(shownRows).toEqual(all.slice(offset, offset + 100));
      }
    }
    expect(await rows(String(dataTableRowsQuery(ctx, { columns, labels: labels('zh-CN') }, new Int32Array(0))))).toEqual([]);
  });

  it('puts a window’s rows in the order of its keys, leaving out a key without a row', () => {
    const found = [
      { row_key: 7n, v: 'b' },
      { row_key: 3, v: 'a' }
    ];
    expect(inKeyOrder([3, 9, 7], found)).toEqual([
      { row_key: 3, v: 'a' },
      { row_key: 7n, v: 'b' }
    ]);
  });

  it('names values as the page does, in either language, and orders by the names shown', async () => {
    const zh = await rows(String(dataTableQuery(ctx, { columns, sort, labels: labels('zh-CN'), limit: 3 })));
    expect(zh[0]).toMatchObject({ sector: '产业发展' });
    expect(['预备项目', '新开工项目', '续建项目', '竣工项目']).toContain(zh[0].phase);
    const supplement = await rows(
      String(
        dataTableQuery(ctx, {
          columns,
          sort: [{ id: 'batch', descending: true }],
          labels: labels('en', new Map([['450202', 'Chengzhong']])),
          limit: 1
        })
      )
    );
    expect(String(supplement[0].batch)).toMatch(/^Supplement \d+$/);
    const en = await rows(
      String(
        dataTableQuery(ctx, {
          columns,
          sort: [{ id: 'district_name', descending: false }],
          labels: labels('en', new Map([['450202', 'Chengzhong']])),
          limit: 1
        })
      )
    );
    expect(en[0].district_name).toBe('Chengzhong');
    expect(['Green: on plan', 'Yellow: slightly behind', 'Red: well behind', 'No annual plan']).toContain(en[0].rag);
  });

  it('keeps money exact (DECIMAL(18,2) of 万元) for the exports', async () => {
    const r = await conn.runAndReadAll(
      `SELECT typeof(total_investment) AS t FROM (${dataTableQuery(ctx, { columns, sort, labels: labels('zh-CN'), limit: 1 })})`
    );
    expect(r.getRowObjectsJS()[0].t).toBe('DECIMAL(18,2)');
  });

  it('offers a public dataset no internal facts column', () => {
    const internal = new Set(factsColumnsOf('internal'));
    const shown = availableColumns(false).map((c) => c.id);
    expect(shown.filter((c) => internal.has(c))).toEqual([]);
    expect(shown).toEqual([
      'id',
      'name',
      'district_code',
      'district_name',
      'sector',
      'phase',
      'level',
      'size_bucket',
      'batch',
      'total_investment',
      'annual_plan'
    ]);
  });
});

describe('the data page’s URL and sort clicks', () => {
  const available = availableColumns(true);
  it('reads columns and sort keys, reporting what it cannot use', () => {
    const notices: UrlNotice[] = [];
    expect(parseColumns('name,id,nope', available, notices)).toEqual(['id', 'name']);
    expect(parseSortKeys('-total_investment,name,-name,bad', available, notices)).toEqual([
      { id: 'total_investment', descending: true },
      { id: 'name', descending: false }
    ]);
    expect(notices.map((n) => n.params.value)).toEqual(['nope', 'bad']);
    expect(parseColumns('lead_unit', availableColumns(false), [])).toBeNull();
  });
  it('sorts by a clicked column, turns it round on a second click, adds a key with Shift', () => {
    const one = clickSort([{ id: 'total_investment', descending: true }], 'name', false, false);
    expect(one).toEqual([{ id: 'name', descending: false }]);
    expect(clickSort(one, 'name', false, false)).toEqual([{ id: 'name', descending: true }]);
    const two = clickSort(one, 'total_investment', true, true);
    expect(two).toEqual([
      { id: 'name', descending: false },
      { id: 'total_investment', descending: true }
    ]);
    expect(clickSort(two, 'total_investment', true, true)[1]).toEqual({ id: 'total_investment', descending: false });
  });
  it('sums the filters up in a few words for file names', () => {
    const filters = { ...emptyFilters(), phase: ['new'], sector: ['industry', 'ecology', 'livelihood'], q: '大桥' };
    expect(fileFilterSummary(filters, 'zh-CN', new Map())).toBe('新开工项目_产业发展、生态环保等3项_大桥');
    expect(fileFilterSummary(emptyFilters(), 'en', new Map())).toBe('');
  });
});
