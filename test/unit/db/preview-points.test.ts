/**
 * The first paint's points (read from the projects file in the decoding worker) against the
 * query core's points query on the same data: same projects, phases, places and sizes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { tableFromIPC as flechetteFromIPC } from '@uwdata/flechette';
import { readFile } from 'node:fs/promises';
import { readParquet } from 'parquet-wasm/node';
import { factsRelation, metricRules } from '../../../src/lib/metrics/index.ts';
import { pointsFromArrow, projectPointsQuery, sizeReferenceQuery, type ArrowTable } from '../../../src/lib/map/project-points.ts';
import {
  codes,
  decimals,
  monthEndDay,
  NEVER,
  orderDescending,
  previewColumns,
  previewPoints,
  quantileCont,
  type PreviewColumns
} from '../../../src/lib/db/preview-points.ts';
import { PHASES } from '../../../src/lib/schema.ts';
import { openWasm, type Engine } from './engines.ts';

const DIR = 'static/data/liuzhou-2022';
let db: Engine;
let columns: PreviewColumns;

async function ipc(sql: string): Promise<Uint8Array> {
  return (await db.connector.query({ type: 'arrow', sql } as never)) as Uint8Array;
}

beforeAll(async () => {
  db = await openWasm(DIR);
  const bytes = new Uint8Array(await readFile(`${DIR}/projects.parquet`));
  columns = previewColumns(tableFromIPC(readParquet(bytes).intoIPCStream()));
});
afterAll(() => db?.close());

const key = (lon: number, lat: number, phase: number, sqrt: number) => `${lon.toFixed(4)},${lat.toFixed(4)},${phase},${sqrt.toFixed(2)}`;

describe('first-paint points', () => {
  it('read every project of the file, with exits as days', async () => {
    const [{ n, exited }] = await db.rows(`SELECT count(*)::INTEGER AS n, count(exited_on)::INTEGER AS exited FROM projects`);
    expect(columns.length).toBe(n);
    expect(columns.exited.filter((d) => d !== NEVER).length).toBe(exited);
    expect(exited).toBeGreaterThan(0);
  });

  for (const month of ['2022-01', '2022-09']) {
    it(`are the points query's projects, places, phases and sizes in ${month}`, async () => {
      const facts = factsRelation(month, metricRules(), true);
      const queried = pointsFromArrow(flechetteFromIPC(await ipc(String(projectPointsQuery({ facts })))) as unknown as ArrowTable);
      const { points, reference } = previewPoints(columns, month);
      expect(points.length).toBe(queried.length);
      const keys = (p: typeof points) =>
        Array.from({ length: p.length }, (_, i) => key(p.lonlat[2 * i], p.lonlat[2 * i + 1], p.phase[i], p.sqrtTotal[i])).sort();
      expect(keys(points)).toEqual(keys(queried));
      for (let i = 1; i < points.length; i++) expect(points.sqrtTotal[i - 1]).toBeGreaterThanOrEqual(points.sqrtTotal[i]);
      expect([...points.phase].every((c) => c < PHASES.length)).toBe(true);
      const [ref] = flechetteFromIPC(await ipc(String(sizeReferenceQuery(facts)))).toArray() as { total: number; annual: number }[];
      expect(reference.total).toBeCloseTo(ref.total, 2);
      expect(reference.annual).toBeCloseTo(ref.annual, 2);
    });
  }

  it('keep projects that exit after the month and drop those that exited by its end', () => {
    const p: PreviewColumns = {
      length: 3,
      lonlat: new Float32Array([1, 1, 2, 2, 3, 3]),
      phase: new Uint8Array([0, 1, 2]),
      sqrtTotal: new Float32Array([1, 3, 2]),
      sqrtAnnual: new Float32Array([0, 0, 0]),
      exited: new Int32Array([monthEndDay('2022-03'), monthEndDay('2022-03') + 1, NEVER])
    };
    const { points } = previewPoints(p, '2022-03');
    expect(points.length).toBe(2);
    // Largest first.
    expect([...points.phase]).toEqual([1, 2]);
    expect(points.idAt(0)).toBe('');
    expect(previewPoints(p, '2022-02').points.length).toBe(3);
  });

  it('decode decimals (negative too), enumerations (unknown and null too)', async () => {
    const t = tableFromIPC(
      await ipc(
        `SELECT * FROM (VALUES (CAST(-1234.56 AS DECIMAL(18,2)), 'new'), (CAST(98765432.1 AS DECIMAL(18,2)), 'bogus'), (NULL, NULL)) AS v(money, phase)`
      )
    );
    const money = decimals(t.getChild('money')!, 3);
    expect(money[0]).toBe(-1234.56);
    expect(money[1]).toBe(98765432.1);
    expect(money[2]).toBeNaN();
    expect([...codes(t.getChild('phase')!, PHASES, 3)]).toEqual([PHASES.indexOf('new'), 255, 255]);
  });

  it('order rows largest first, ties by row, as a comparator sort would', () => {
    const values = Float32Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 613) / 7 + (i % 3 === 0 ? 0 : 0.25));
    values[10] = 0;
    values[11] = values[12];
    const expected = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    expect([...orderDescending(values)]).toEqual(expected);
    // Negative values take the general path, with the same result.
    const mixed = Float32Array.from([3, -1, 2, -1, 5]);
    expect([...orderDescending(mixed)]).toEqual([4, 0, 2, 1, 3]);
  });

  it('take the 98th percentile the way DuckDB does', async () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => (i * 37) % 101);
    const [{ q }] = await db.rows(`SELECT quantile_cont(v, 0.98) AS q FROM (SELECT (i * 37) % 101 AS v FROM range(101) t(i))`);
    expect(quantileCont(values, 0.98)).toBeCloseTo(Number(q), 9);
    expect(quantileCont(new Float64Array(0), 0.98)).toBeNull();
  });

  it('select the same quantile as a whole sort would, ties and all', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const n of [1, 2, 3, 10, 997, 20_000]) {
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * 50) / 4);
      const sorted = Float64Array.from(values).sort();
      for (const q of [0, 0.5, 0.98, 1]) expect(quantileCont(Float64Array.from(values), q)).toBe(quantileCont(sorted, q, true));
    }
  });

  it('order a large column with many ties like a comparator sort', () => {
    const values = Float32Array.from({ length: 100_000 }, (_, i) => Math.sqrt((i * 7919) % 1009));
    const expected = Array.from(values.keys()).sort((a, b) => values[b] - values[a] || a - b);
    expect([...orderDescending(values)]).toEqual(expected);
  });
});
