/**
 * The demerits the league page shows, on the Lishui demo data: per unit of each sequence (district
 * and lead unit), the missed months behind a unit's points add up to its row, and every missed
 * month of the year belongs to exactly one unit's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { missedTargetsQuery } from '../../../src/lib/league/demerits.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';
import { sequenceDemeritsQuery, unitMissedTargetsQuery } from '../../../src/lib/views/league/demerits-query.ts';

const DS = 'lishui-2018';
const meta = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string; rule_preset: RulePreset };
const MONTH = toMonth(meta.as_of.slice(0, 7));
const penalty = meta.rule_preset.missed_target_penalty!;

let conn: DuckDBConnection;
const rows = async (q: unknown) =>
  JSON.parse(
    JSON.stringify((await conn.runAndReadAll(String(q))).getRowObjectsJS(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v))
  ) as Record<string, unknown>[];

beforeAll(async () => {
  conn = await (await DuckDBInstance.create(':memory:')).connect();
  for (const table of ['projects', 'monthly'])
    await conn.run(`CREATE TABLE ${table} AS SELECT * FROM read_parquet('static/data/${DS}/${table}.parquet')`);
});
afterAll(() => conn?.closeSync());

describe('demerits by unit and the missed targets behind them', () => {
  for (const sequence of meta.rule_preset.ranking!.sequences) {
    it(`adds up, for every ${sequence.unit} with points, its missed months to its row`, async () => {
      const units = await rows(sequenceDemeritsQuery(MONTH, penalty, sequence));
      const all = await rows(missedTargetsQuery(MONTH, penalty));
      expect(units.length).toBeGreaterThan(1);
      let months = 0;
      for (const u of units) {
        const missed = await rows(unitMissedTargetsQuery(MONTH, penalty, sequence.unit, String(u.unit)));
        expect(missed.length, String(u.unit)).toBe(Number(u.missed));
        expect(new Set(missed.map((m) => m.project_id)).size).toBe(Number(u.projects));
        expect(missed.reduce((s, m) => s + Number(m.demerit_points), 0)).toBe(Number(u.demerit_points));
        expect(missed.reduce((s, m) => s + Number(m.warnings), 0)).toBe(Number(u.warnings));
        for (const m of missed) {
          expect(m.month).toMatch(/^2018-(0[1-9])$/);
          expect(Number(m.shortfall_points)).toBeGreaterThan(penalty.tolerance_points);
        }
        months += missed.length;
      }
      // Units are sorted by points, most first.
      const points = units.map((u) => Number(u.demerit_points));
      expect(points).toEqual([...points].sort((a, b) => b - a));
      expect(months).toBe(
        all.length -
          (
            await rows(
              `SELECT 1 FROM (${missedTargetsQuery(MONTH, penalty)}) d JOIN projects p ON p.id = d.project_id WHERE p.${sequence.unit === 'district' ? 'district_code' : 'lead_unit'} IS NULL`
            )
          ).length
      );
    });
  }
});
