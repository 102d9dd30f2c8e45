/**
 * The playback summary (playback-summary.parquet, summary.ts) against the metrics: for months of
 * the demo datasets, the page's figures from the summary equal metricsQuery on each month's facts
 * file, for the programme and for each district and sector; and the state file holds each
 * project's facts of that month at its point of points.arrow.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDB } from '../../scripts/lib/dataset-writer.ts';
import { metricsQuery } from '../../src/lib/metrics/query.ts';
import { metricRules } from '../../src/lib/metrics/preset.ts';
import { parsePreset } from '../../src/lib/rules/validate.ts';
import { factsFile, type DatasetMeta } from '../../src/lib/schema.ts';
import { SUMMARY_COLUMNS } from '../../src/lib/playback/format.ts';
import { summaryFromColumns, summaryMetrics, type PlaybackSummary } from '../../src/lib/playback/summary.ts';

const DATA = path.resolve('static/data');
const METRICS = [
  'projects',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'gap_wan',
  'rag',
  'new_started',
  'start_rate',
  'problems_open',
  'reports_late'
];

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openDuckDB();
});
afterAll(() => conn?.closeSync());

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const meta = (id: string): DatasetMeta => JSON.parse(readFileSync(path.join(DATA, id, 'meta.json'), 'utf8'));
const rows = async (q: string) => (await conn.runAndReadAll(q)).getRowObjectsJS();

async function readSummary(id: string, m: DatasetMeta): Promise<PlaybackSummary> {
  const result = await conn.runAndReadAll(`SELECT * FROM read_parquet(${lit(path.join(DATA, id, m.playback!.summary))})`);
  const names = result.columnNames();
  const values = result.getColumnsJS();
  const columns = Object.fromEntries(names.map((n, i) => [n, values[i] as unknown[]]));
  expect(names).toEqual([...SUMMARY_COLUMNS]);
  return summaryFromColumns(columns, m.facts_months!);
}

/** metricsQuery on a month's facts file, grouped by `by`, as plain numbers. */
async function fromFacts(id: string, m: DatasetMeta, month: string, by: string[]) {
  await conn.run(`CREATE OR REPLACE TEMP VIEW month_facts AS SELECT * FROM read_parquet(${lit(path.join(DATA, id, factsFile(month)))})`);
  const rules = metricRules(parsePreset(m.rule_preset, 'meta.json'));
  return rows(String(metricsQuery({ month, rules, by, metrics: METRICS, facts: { facts: 'month_facts' } })));
}

const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
function expectSame(page: Record<string, unknown>, engine: Record<string, unknown>, where: string) {
  for (const id of METRICS) {
    const [a, b] = [plain(page[id]), plain(engine[id])];
    if (typeof a === 'number' && typeof b === 'number') expect(a, `${where} ${id}`).toBeCloseTo(b, 9);
    else expect(a, `${where} ${id}`).toEqual(b);
  }
}

describe.each([
  ['jiujiang-2021-2023', [0, 5, 11, 12, 29]],
  ['liuzhou-2022', [0, 6, -1]]
])('the playback summary of %s', (id, picks) => {
  it('gives, at each month, the figures metricsQuery gives on that month’s facts (programme, districts, sectors)', async () => {
    const m = meta(id);
    const s = await readSummary(id, m);
    const rules = metricRules(parsePreset(m.rule_preset, 'meta.json'));
    for (const pick of picks) {
      const mi = pick < 0 ? m.facts_months!.length + pick : pick;
      const month = m.facts_months![mi];
      const [programme] = await fromFacts(id, m, month, []);
      expectSame(summaryMetrics(s, mi, METRICS, rules), programme, `${month} programme`);
      for (const row of await fromFacts(id, m, month, ['district_code'])) {
        expectSame(summaryMetrics(s, mi, METRICS, rules, { districts: [String(row.district_code)] }), row, `${month} ${row.district_code}`);
      }
      for (const row of await fromFacts(id, m, month, ['sector'])) {
        expectSame(summaryMetrics(s, mi, METRICS, rules, { sectors: [String(row.sector)] }), row, `${month} ${row.sector}`);
      }
    }
  });

  it('differs from the month before (a summary one month off would fail the test above)', async () => {
    const m = meta(id);
    const s = await readSummary(id, m);
    const rules = metricRules(parsePreset(m.rule_preset, 'meta.json'));
    const mi = picks[1] < 0 ? m.facts_months!.length + picks[1] : picks[1];
    const [before] = await fromFacts(id, m, m.facts_months![mi - 1], []);
    expect(summaryMetrics(s, mi, ['completed_ytd'], rules).completed_ytd).not.toEqual(plain(before.completed_ytd));
  });
});

describe('the playback state of jiujiang-2021-2023', () => {
  it('holds each project’s stage, RAG and completed amount of each month at its point of points.arrow', async () => {
    const id = 'jiujiang-2021-2023';
    const m = meta(id);
    const dir = path.join(DATA, id);
    const [shape] = await rows(
      `SELECT count(*) AS n, max(point) + 1 AS points, max(month) + 1 AS months FROM read_parquet(${lit(path.join(dir, m.playback!.state))})`
    );
    expect(Number(shape.points)).toBe(m.playback!.points);
    expect(Number(shape.months)).toBe(m.facts_months!.length);
    expect(Number(shape.n)).toBe(m.playback!.points * m.playback!.months);
    // points.arrow's positions at each point are its project's: the state's points are the map's.
    const arrow = await import('apache-arrow');
    const table = arrow.tableFromIPC(readFileSync(path.join(dir, 'points.arrow')));
    const lon = table.getChild('lon')!.toArray() as Float32Array;
    for (const mi of [0, 13, m.facts_months!.length - 1]) {
      const month = m.facts_months![mi];
      const got = await rows(
        `SELECT s.point, s.stage, s.rag, s.completed, CAST(f.lon AS FLOAT) AS lon, f.rag AS fact_rag, f.in_plan, f.started, f.finished,
           CAST(coalesce(f.completed_ytd, 0) * 100 AS INTEGER) AS cents
         FROM read_parquet(${lit(path.join(dir, m.playback!.state))}) AS s
         JOIN (SELECT *, row_number() OVER (ORDER BY CAST(sqrt(greatest(coalesce(CAST(total_investment AS DOUBLE), 0), 0)) AS FLOAT) DESC, id) - 1 AS point
               FROM read_parquet(${lit(path.join(dir, factsFile(month)))})) AS f USING (point)
         WHERE s.month = ${mi}`
      );
      expect(got.length).toBe(m.playback!.points);
      for (const r of got) {
        expect(r.lon).toBeCloseTo(lon[Number(r.point)], 4);
        expect(r.rag).toBe(r.fact_rag === null ? 0 : ['green', 'amber', 'red'].indexOf(String(r.fact_rag)) + 1);
        expect(r.stage).toBe(!r.in_plan ? 3 : r.finished ? 2 : r.started ? 1 : 0);
        expect(r.completed).toBe(r.cents);
      }
      expect(new Set(got.map((r) => r.stage)).size).toBeGreaterThan(1);
    }
  });
});
