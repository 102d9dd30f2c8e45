/**
 * One definition per metric: the formula evaluated by DuckDB over the aggregates (metricsQuery)
 * and evaluated in JavaScript over the summed inputs (metricValue, what the page and the
 * overview's subtotals use) give the same value, for every metric, at every level, in two months,
 * with internal data and in a public build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { METRICS, metricValue } from '../../../src/lib/metrics/definitions.ts';
import { INPUT_IDS, type InputId } from '../../../src/lib/metrics/inputs.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { inputsQuery, metricsQuery } from '../../../src/lib/metrics/query.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const DIR = 'static/data/liuzhou-2022';
let engine: Engine;
let rules: ReturnType<typeof metricRules>;
beforeAll(async () => {
  engine = await openNodeApi();
  rules = metricRules(JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8')).rule_preset);
  for (const m of ['2022-03', '2022-09'])
    await engine.rows(`CREATE TABLE f_${m.replace('-', '_')} AS SELECT * FROM read_parquet('${DIR}/facts/${m}.parquet')`);
});
afterAll(() => engine?.close());

const GROUPINGS: string[][] = [[], ['district_code'], ['sector'], ['lead_unit'], ['phase', 'sector'], ['batch', 'level', 'size_bucket']];

describe('every metric', () => {
  for (const month of ['2022-03', '2022-09']) {
    for (const internal of [true, false]) {
      it(`is the same from DuckDB's aggregate and from the summed inputs (${month}, ${internal ? 'internal' : 'public'})`, async () => {
        const facts = { facts: `f_${month.replace('-', '_')}` };
        const ctx = { monthIndex: toMonth(month).index, rules };
        let compared = 0;
        for (const by of GROUPINGS) {
          const sqlRows = await engine.rows(String(metricsQuery({ month, by, facts, rules, internal })));
          const inputRows = await engine.rows(String(inputsQuery({ facts, by })));
          expect(inputRows.length).toBe(sqlRows.length);
          sqlRows.forEach((row, i) => {
            const inputs = inputRows[i];
            for (const c of by) expect(inputs[c]).toEqual(row[c]);
            const read = (id: InputId) => (inputs[id] === null ? null : BigInt(Number(inputs[id])));
            for (const m of METRICS) {
              expect([by.join('+'), i, m.id, metricValue(m, read, ctx, internal)]).toEqual([by.join('+'), i, m.id, row[m.id]]);
              compared++;
            }
          });
        }
        expect(compared).toBeGreaterThan(METRICS.length * 20);
      });
    }
  }

  it('classifies progress at the edges as the preset says: exactly the threshold behind is still yellow', () => {
    const rag = METRICS.find((m) => m.id === 'rag')!;
    // Plan 100 cents without monthly targets, in June: 序时进度 is 50%; gap = completion − 50 points.
    const at = (completed: bigint, amberPoints = 10) =>
      metricValue(rag, (id) => ({ completed, plan: 100n, scheduled: 0n, unscheduled: 100n })[id as 'plan'] ?? null, {
        monthIndex: 6,
        rules: { ...rules, rag: { basis: 'points_behind', green_max_points_behind: 0, amber_max_points_behind: amberPoints } }
      });
    expect([at(50n), at(70n), at(49n), at(40n), at(39n), at(46n, 3)]).toEqual(['green', 'green', 'amber', 'amber', 'red', 'red']);
    expect(metricValue(rag, () => null, { monthIndex: 6, rules })).toBeNull();
  });

  it('classifies by share of 序时进度 the same way in JavaScript: thresholds inclusive, green when nothing is due yet', () => {
    const rag = METRICS.find((m) => m.id === 'rag')!;
    const wuhan = { ...rules, rag: { basis: 'share_of_elapsed', green_min_share: 0.8, amber_min_share: 0.6 } as const };
    // Plan 100 cents without monthly targets: 序时进度 50% in June, nothing due in month 0.
    const at = (completed: bigint, monthIndex = 6) =>
      metricValue(rag, (id) => ({ completed, plan: 100n, scheduled: 0n, unscheduled: 100n })[id as 'plan'] ?? null, {
        monthIndex,
        rules: wuhan
      });
    expect([at(40n), at(39n), at(30n), at(29n), at(0n, 0)]).toEqual(['green', 'amber', 'amber', 'red', 'green']);
  });

  it('names the inputs its formula reads, all of them defined', () => {
    for (const m of METRICS) {
      expect(m.inputs.length, m.id).toBeGreaterThan(0);
      for (const id of m.inputs) expect(INPUT_IDS).toContain(id);
    }
  });
});
