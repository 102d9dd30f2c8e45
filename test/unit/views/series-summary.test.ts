/**
 * The drill-down pages' month series from the playback summary against the same series from each
 * month's facts (seriesQuery, the path it replaces): for a district and for a sector of demo
 * datasets, every month's projects, completion, 序时进度 and gap are equal; and which selections
 * the summary may answer.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { parsePreset } from '../../../src/lib/rules/validate.ts';
import { factsFile, type DatasetMeta } from '../../../src/lib/schema.ts';
import { summaryFromColumns, type PlaybackSummary } from '../../../src/lib/playback/summary.ts';
import { seriesQuery } from '../../../src/lib/queries/drilldown.ts';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import { emptyFilters } from '../../../src/lib/state/dimensions.ts';
import { seriesPoints } from '../../../src/lib/views/drilldown/series.ts';
import { summaryScope, summarySeriesRows } from '../../../src/lib/views/drilldown/series-summary.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';

const DATA = path.resolve('static/data');
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openDuckDB();
});
afterAll(() => conn?.closeSync());

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const meta = (id: string): DatasetMeta => JSON.parse(readFileSync(path.join(DATA, id, 'meta.json'), 'utf8'));

async function readSummary(id: string, m: DatasetMeta): Promise<PlaybackSummary> {
  const result = await conn.runAndReadAll(`SELECT * FROM read_parquet(${lit(path.join(DATA, id, m.playback!.summary))})`);
  const values = result.getColumnsJS();
  return summaryFromColumns(Object.fromEntries(result.columnNames().map((n, i) => [n, values[i] as unknown[]])), m.facts_months!);
}

/** The series the facts path gives: seriesQuery over every month's facts file, filtered by the scope. */
async function fromFacts(id: string, m: DatasetMeta, scope: { district?: string[]; sector?: string[] }) {
  const months = m.facts_months!;
  for (const month of months)
    await conn.run(
      `CREATE OR REPLACE TEMP VIEW f_${month.replace('-', '_')} AS SELECT * FROM read_parquet(${lit(path.join(DATA, id, factsFile(month)))})`
    );
  const q = seriesQuery(
    { factsOf: (mm) => ({ facts: `f_${mm.key.replace('-', '_')}` }), filter: statePredicate(scope) ?? undefined },
    months
  );
  return (await conn.runAndReadAll(String(q))).getRowObjectsJS() as Record<string, unknown>[];
}

describe('the month series from the playback summary', () => {
  for (const id of ['jiujiang-2021-2023', 'lishui-2018', 'liuzhou-2022']) {
    it(`${id}: equals the series from each month's facts, for a district and for a sector`, async () => {
      const m = meta(id);
      const rules = metricRules(parsePreset(m.rule_preset, 'meta.json'));
      const summary = await readSummary(id, m);
      const district = summary.districtCode[0];
      const sector = summary.sector[summary.sector.length - 1];
      for (const scope of [{ district: [district] }, { sector: [sector] }, { district: [district], sector: [sector] }]) {
        const expected = seriesPoints(await fromFacts(id, m, scope), m.facts_months!, rules, true);
        const got = seriesPoints(summarySeriesRows(summary, summaryScope(emptyFilters(), scope)!), summary.months, rules, true);
        expect(got.length).toBe(m.facts_months!.length);
        expect(got).toEqual(expected);
        // A line that does not move would hide a month read in the wrong place.
        expect(new Set(got.map((p) => p.completion)).size).toBeGreaterThan(1);
      }
    });
  }

  it('gives no month where the selection has no project', async () => {
    const m = meta('lishui-2018');
    const summary = await readSummary('lishui-2018', m);
    expect(summarySeriesRows(summary, { districts: ['000000'] })).toEqual([]);
    expect(summarySeriesRows(summary, { districts: [] })).toEqual([]);
    expect(toMonth(summary.months[0]).key).toBe(m.facts_months![0]);
  });
});

describe('what the summary may answer', () => {
  const none = emptyFilters();
  it('districts and sectors, from the filters and the page together', () => {
    expect(summaryScope(none, {})).toEqual({});
    expect(summaryScope({ ...none, district: ['a', 'b'] }, { district: ['b'] })).toEqual({ districts: ['b'] });
    expect(summaryScope({ ...none, sector: ['industry'] }, { district: ['a'] })).toEqual({ districts: ['a'], sectors: ['industry'] });
    expect(summaryScope({ ...none, district: ['a'] }, { district: ['c'] })).toEqual({ districts: [] });
  });

  it('nothing else: a phase, a search, an area', () => {
    expect(summaryScope({ ...none, phase: ['new'] }, { district: ['a'] })).toBeNull();
    expect(summaryScope({ ...none, q: '大桥' }, {})).toBeNull();
    expect(summaryScope({ ...none, area: { type: 'box', bounds: [0, 0, 1, 1] } }, {})).toBeNull();
    expect(summaryScope(none, { rag: ['red'] })).toBeNull();
  });
});
