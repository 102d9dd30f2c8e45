/** The map's point query on the browser engine (duckdb-wasm), and its Arrow → deck.gl attributes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { sql } from '@uwdata/mosaic-sql';
import { factsRelation, metricRules } from '../../../src/lib/metrics/index.ts';
import {
  colorsFor,
  paletteFor,
  pointsFromArrow,
  projectPointsQuery,
  radiusFactor,
  sizeReferenceQuery,
  sizeValues,
  type ArrowTable
} from '../../../src/lib/map/project-points.ts';
import { linesFromRows, projectLinesQuery } from '../../../src/lib/map/project-lines.ts';
import { PHASES } from '../../../src/lib/schema.ts';
import { openWasm, type Engine } from '../db/engines.ts';

const DIR = 'static/data/county-2023';
const facts = factsRelation('2023-09', metricRules(), true);
let db: Engine;

async function arrow(query: unknown): Promise<ArrowTable> {
  const bytes = (await db.connector.query({ type: 'arrow', sql: String(query) } as never)) as Uint8Array;
  return tableFromIPC(bytes) as unknown as ArrowTable;
}

beforeAll(async () => {
  db = await openWasm(DIR);
});
afterAll(() => db?.close());

describe('project points', () => {
  it('come back as typed columns deck.gl takes as they are', async () => {
    const table = await arrow(projectPointsQuery({ facts }));
    expect(table.getChild('lon')!.toArray()).toBeInstanceOf(Float32Array);
    expect(table.getChild('phase_code')!.toArray()).toBeInstanceOf(Uint8Array);
    expect(table.getChild('rag_code')!.toArray()).toBeInstanceOf(Uint8Array);
    expect(table.getChild('sqrt_total')!.toArray()).toBeInstanceOf(Float32Array);
    // Names stay in the database; the tooltip asks for one at a time.
    expect(table.getChild('name') ?? null).toBeNull();
  });

  it('carry each project once, with its phase and RAG as codes that match the facts', async () => {
    const p = pointsFromArrow(await arrow(projectPointsQuery({ facts })));
    const rows = await db.rows(`SELECT id, phase, rag, lon, lat FROM (${Object.values(facts)[0]}) WHERE in_plan`);
    expect(p.length).toBe(rows.length);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    for (let i = 0; i < p.length; i++) {
      const row = byId.get(p.idAt(i))!;
      expect(PHASES[p.phase[i]]).toBe(row.phase);
      expect(p.rag[i]).toBe(row.rag === null ? 0 : ['green', 'amber', 'red'].indexOf(row.rag as string) + 1);
      expect(p.lonlat[2 * i]).toBeCloseTo(row.lon as number, 4);
      expect(p.lonlat[2 * i + 1]).toBeCloseTo(row.lat as number, 4);
    }
  });

  it('follow the cross-filter predicate', async () => {
    const p = pointsFromArrow(await arrow(projectPointsQuery({ facts, filter: sql`phase = 'new'` })));
    expect(p.length).toBeGreaterThan(0);
    expect([...p.phase].every((c) => c === PHASES.indexOf('new'))).toBe(true);
  });

  it('are sized from a reference over the whole programme, so a filter does not resize them', async () => {
    const ref = (await db.rows(String(sizeReferenceQuery(facts))))[0] as { total: number };
    expect(ref.total).toBeGreaterThan(0);
    const p = pointsFromArrow(await arrow(projectPointsQuery({ facts })));
    const values = sizeValues(p, 'total')!;
    expect(values).toBe(p.sqrtTotal);
    expect(sizeValues(p, 'uniform')).toBeNull();
    expect(radiusFactor(ref.total) * ref.total).toBeCloseTo(14, 6);
  });
});

describe('point colours', () => {
  const points = {
    length: 3,
    lonlat: new Float32Array(6),
    phase: Uint8Array.from([0, 2, 3]),
    rag: Uint8Array.from([0, 1, 3]),
    sqrtTotal: new Float32Array(3),
    sqrtAnnual: new Float32Array(3),
    sqrtCompleted: new Float32Array(3),
    selected: null,
    shown: 3,
    idAt: String,
    nameAt: String
  };

  it('take the palette of the colour mode by code', () => {
    const c = colorsFor(points, 'phase');
    expect([...c.slice(4, 7)]).toEqual(paletteFor('phase')[2]);
    const r = colorsFor(points, 'rag');
    expect([...r.slice(0, 3)]).toEqual(paletteFor('rag')[0]);
    expect([...r.slice(8, 11)]).toEqual([213, 94, 0]);
  });

  it('fade the points outside a map selection', () => {
    const c = colorsFor(points, 'phase', Uint8Array.from([1, 0, 1]));
    expect([c[3], c[7], c[11]]).toEqual([235, 40, 235]);
  });

  it('are made once for the same codes, mode and mask, and again when one of them changes', () => {
    const mask = Uint8Array.from([1, 1, 0]);
    const a = colorsFor(points, 'phase', mask);
    expect(colorsFor({ ...points }, 'phase', mask)).toBe(a);
    const b = colorsFor(points, 'rag', mask);
    expect(b).not.toBe(a);
    const c = colorsFor(points, 'phase', Uint8Array.from([1, 1, 0]));
    expect(c).not.toBe(a);
    expect(c).toEqual(a);
  });
});

describe('points answered in the page with a selection', () => {
  it('keep every row, count the selected ones and reuse the positions of the same columns', async () => {
    const table = await arrow(projectPointsQuery({ facts }));
    const n = table.numRows;
    const selection = new Uint8Array(n);
    for (let i = 0; i < n; i += 3) selection[i] = 1;
    const whole = pointsFromArrow(table);
    expect(whole.selected).toBeNull();
    expect(whole.shown).toBe(n);
    const some = pointsFromArrow(Object.assign(Object.create(table), { selection }) as ArrowTable);
    expect(some.length).toBe(n);
    expect(some.selected).toBe(selection);
    expect(some.shown).toBe(Math.ceil(n / 3));
    expect(some.lonlat).toBe(whole.lonlat);
    expect(some.sqrtTotal).toBe(whole.sqrtTotal);
    // A selection of another length is not this table's: every row is shown.
    expect(pointsFromArrow(Object.assign(Object.create(table), { selection: new Uint8Array(1) }) as ArrowTable).selected).toBeNull();
  });
});

describe('linear projects', () => {
  it('join their line geometry to the facts and become paths', async () => {
    const rows = await db.rows(String(projectLinesQuery({ facts })));
    expect(rows.length).toBeGreaterThan(0);
    const lines = linesFromRows(rows as never);
    expect(lines.paths.length).toBeGreaterThanOrEqual(rows.length);
    expect(lines.paths[0].path[0]).toHaveLength(2);
  });
});
