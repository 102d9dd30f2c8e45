/**
 * The programme overview's tables from the Liuzhou demo data: the published figures checked and
 * each difference explained, the initial plan reconciled with today's programme, and the annex
 * rows' money equal to DuckDB's sums of the facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { inputsQuery } from '../../../src/lib/metrics/query.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { annexRows, reconcile, sameFigures } from '../../../src/lib/views/overview/programme.ts';
import { bucketsOfSizeClass, checkPublished } from '../../../src/lib/views/overview/published.ts';
import { centsToYi, TABLE_INPUTS } from '../../../src/lib/views/overview/sums.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const DIR = 'static/data/liuzhou-2022';
let engine: Engine;
let meta: DatasetMeta;
beforeAll(async () => {
  engine = await openNodeApi();
  meta = JSON.parse(await readFile(`${DIR}/meta.json`, 'utf8'));
  await engine.rows(`CREATE TABLE facts AS SELECT * FROM read_parquet('${DIR}/facts/2022-09.parquet')`);
});
afterAll(() => engine?.close());

const grouped = (by: string[], rows: 'in_plan' | 'exited' = 'in_plan') =>
  engine.rows(String(inputsQuery({ facts: { facts: 'facts' }, by, inputs: TABLE_INPUTS, rows })));

describe('the published figures', () => {
  it('match every detail row of the plan, and each difference is the plan’s own total row, explained by its parts', async () => {
    const initial = [
      ...(await grouped(['phase', 'sector', 'level', 'size_bucket', 'batch'])),
      ...(await grouped(['phase', 'sector', 'level', 'size_bucket', 'batch'], 'exited'))
    ].filter((r) => r.batch === 'initial');
    const checks = checkPublished(meta.published!, initial);
    const differing = checks.flatMap((c) => c.differs.map((m) => ({ figure: c.figure, m, computed: c.computed[m], parts: c.partsSum[m] })));
    // The same six the data pipeline recorded (meta.discrepancies), found again from the data.
    expect(differing.map((d) => d.computed).sort()).toEqual(meta.discrepancies!.map((d) => d.computed).sort());
    expect(differing.find((d) => d.figure.phase === 'continuing' && d.m === 'total')).toMatchObject({
      computed: '3182.44',
      parts: '3182.44'
    });
    expect(differing.find((d) => d.figure.phase === 'all' && d.m === 'annual')).toMatchObject({ computed: '776.93', parts: '776.93' });
    // Every sector row is met exactly.
    for (const c of checks.filter((x) => x.figure.sector !== 'all'))
      expect([c.figure.phase, c.figure.sector, c.differs]).toEqual([c.figure.phase, c.figure.sector, []]);
  });

  it('read the plan’s size classes as size buckets, and refuse one that cuts a bucket', () => {
    expect(bucketsOfSizeClass('lt3000')).toEqual(['lt1000', '1000_3000']);
    expect(bucketsOfSizeClass('3000_5000')).toEqual(['3000_5000']);
    expect(bucketsOfSizeClass('ge5000')).toEqual(['5000_10000', '1e4_1e5', 'ge1e5']);
    expect(bucketsOfSizeClass('lt2000')).toBeNull();
    expect(bucketsOfSizeClass('big')).toBeNull();
  });
});

describe('the changes to the plan', () => {
  it('add up: the initial plan plus the supplementary batches less the exits is today’s programme', async () => {
    const r = reconcile(await grouped(['batch']), await grouped(['batch'], 'exited'));
    expect(r.initial.projects).toBe(955n);
    expect(r.batches.map((b) => [b.batch, b.sums.projects])).toEqual([
      ['supplement-1', 18n],
      ['supplement-2', 9n]
    ]);
    expect(r.exited.projects).toBe(5n);
    expect(r.current.projects).toBe(977n);
    expect(sameFigures(r.reconciled, r.current)).toBe(true);
    expect(centsToYi(r.initial.annual)).toBe('776.93');
  });

  it('say when they do not add up', () => {
    const r = reconcile(
      [{ batch: 'initial', projects: 3, total: 100, annual: 50 }],
      [{ batch: 'initial', projects: 1, total: 10, annual: 5 }]
    );
    expect(sameFigures(r.reconciled, r.current)).toBe(true);
    expect(sameFigures(r.reconciled, { ...r.current, projects: 99n })).toBe(false);
  });
});

describe('the annex rows', () => {
  it('give each phase and sector the money DuckDB sums from the facts, and the implementation total', async () => {
    const rows = annexRows(await grouped(['phase', 'sector']), null);
    const sql = async (where: string) =>
      (
        await engine.rows(
          `SELECT CAST(sum(annual_plan) * 100 AS BIGINT)::VARCHAR AS annual, count(*)::INTEGER AS n FROM facts WHERE in_plan AND ${where}`
        )
      )[0];
    const impl = rows.find((r) => r.key === 'implementation')!;
    const want = await sql(`phase <> 'preparatory'`);
    expect(String(impl.now.annual)).toBe(want.annual);
    expect(Number(impl.now.projects)).toBe(want.n);
    const cell = rows.find((r) => r.key === 'continuing:industry')!;
    expect(Number(cell.now.projects)).toBe((await sql(`phase = 'continuing' AND sector = 'industry'`)).n);
    expect(cell.filters).toEqual({ phase: ['continuing'], sector: ['industry'] });
    expect(rows.map((r) => r.key).slice(0, 2)).toEqual(['new', 'new:infrastructure']);
    expect(rows.at(-1)!.key).toBe('all');
  });
});

describe('the annex rows of a plan without completion or preparatory projects (county 2023)', () => {
  it('still close the implementation phases with their total, before all projects', () => {
    const rows = annexRows(
      [
        { phase: 'new', sector: 'industry', projects: 2, total: 100, annual: 40 },
        { phase: 'continuing', sector: 'industry', projects: 1, total: 50, annual: 10 }
      ],
      null
    );
    expect(rows.map((r) => r.key)).toEqual(['new', 'new:industry', 'continuing', 'continuing:industry', 'implementation', 'all']);
    expect(rows.find((r) => r.key === 'implementation')!.now.annual).toBe(50n);
    // Over one phase (filtered to it) the subtotal would repeat the phase's own row.
    expect(annexRows([{ phase: 'new', sector: 'industry', projects: 2, total: 100, annual: 40 }], null).map((r) => r.key)).toEqual([
      'new',
      'new:industry',
      'all'
    ]);
  });
});

describe('money in 亿元', () => {
  it('rounds the exact sum half away from zero, to 0.01亿元 (10,000 cents of 万元)', () => {
    expect(centsToYi(4999n)).toBe('0.00');
    expect(centsToYi(5000n)).toBe('0.01');
    expect(centsToYi(7769300000n)).toBe('7769.30');
    expect(centsToYi(-15000n)).toBe('-0.02');
    expect(centsToYi(null)).toBeNull();
  });
});
