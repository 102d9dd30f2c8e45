/**
 * The page's filter index built from the decoded facts without the engine (index-from-facts.ts,
 * metrics/inputs.ts PAGE_INPUT_ROWS) against the one index-loader.ts builds from SQL
 * (inputRowAsDouble, DuckDB's dictionaries), on the same facts: every month of the generated
 * parity fixture, and a table of hand-made edge rows (NULLs in every column read, zeros,
 * negatives, decimals of other scales at the rounding edge, texts whose UTF-16 and code point
 * orders differ, projects outside the plan). Every list dimension and every page input is compared
 * per project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { Query } from '@uwdata/mosaic-sql';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { factsRelation, type FactsSource } from '../../../src/lib/metrics/query.ts';
import { PAGE_INPUT_ROWS, PAGE_INPUTS } from '../../../src/lib/metrics/inputs.ts';
import { LIST_DIMENSION_SPECS } from '../../../src/lib/state/dimensions.ts';
import { FACTS_SCHEMA } from '../../../src/lib/schema.ts';
import type { FilterIndex } from '../../../src/lib/db/local/filter-index.ts';
import {
  dictionaryQuery,
  IndexBuilder,
  indexShapeQuery,
  indexSliceQuery,
  readDictionaries,
  readShape,
  type Rows
} from '../../../src/lib/db/local/index-loader.ts';
import { FactsColumns, centsOfUnscaled, type FactsChunk } from '../../../src/lib/db/local/facts-columns.ts';
import { isReadColumns, readMonth, type ReadColumns } from '../../../src/lib/db/local/chunk-columns.ts';
import {
  compareCodePoints,
  indexFromFacts,
  PAGE_CHUNK_READS,
  PAGE_FACTS_COLUMNS,
  PAGE_FACTS_READS,
  PAGE_FACTS_UTF8
} from '../../../src/lib/db/local/index-from-facts.ts';
import { projectLinesFromFacts } from '../../../src/lib/map/lines-from-facts.ts';
import { openWasm, type Engine } from './engines.ts';
import { pointsFromArrow, projectPointsQuery, sizeReferenceQuery, type ArrowTable } from '../../../src/lib/map/project-points.ts';
import { baseSizeReference, projectPointsFromFacts } from '../../../src/lib/map/points-from-facts.ts';
import { loadParityFixture, MONTHS, PARITY_PRESET, parityFixture } from './parity-fixture.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm();
  await loadParityFixture(engine.connector, parityFixture(20220630));
});
afterAll(() => engine?.close());

const ipc = async (q: Query | string) => (await engine.connector.query({ type: 'arrow', sql: String(q) } as never)) as Uint8Array;
const table = async (q: Query | string) => tableFromIPC(await ipc(q)) as unknown as Rows;

/** The index as index-loader.ts builds it from SQL, in slices of 100 row_keys. */
async function sqlIndex(facts: FactsSource): Promise<FilterIndex> {
  const shape = readShape(await table(indexShapeQuery(facts)));
  const builder = new IndexBuilder(shape, readDictionaries(await table(dictionaryQuery(facts))));
  for (let from = 0; from <= shape.maxKey; from += 100)
    builder.add(await table(indexSliceQuery(facts, builder.dictionaries, from, from + 100)));
  return builder.done();
}

/** How the page gets a chunk: as Arrow IPC (read in the page), or its columns read in the decoding worker (chunk-columns.ts). */
const PATHS = ['arrow', 'worker'] as const;
type ChunkPath = (typeof PATHS)[number];

/**
 * The facts table as the decoding worker hands it over for the page: chunks of `chunkRows` rows,
 * of the page's columns only (PAGE_FACTS_COLUMNS), as Arrow IPC or (`worker`) as the worker reads
 * them from it (PAGE_CHUNK_READS).
 */
async function factsChunks(name: string, chunkRows: number, path: ChunkPath = 'arrow'): Promise<FactsChunk[]> {
  const [{ n }] = await engine.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${name}`);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < Number(n); at += chunkRows)
    chunks.push(await ipc(`SELECT ${PAGE_FACTS_COLUMNS.join(', ')} FROM ${name} ORDER BY rowid LIMIT ${chunkRows} OFFSET ${at}`));
  return path === 'worker' ? readMonth(chunks, PAGE_CHUNK_READS) : chunks;
}

const decoder = new TextDecoder();
/** Each project of an index by row_key: its list values, coordinates, name and inputs, in plain values. */
function byKey(index: FilterIndex): Map<number, Record<string, unknown>> {
  const out = new Map<number, Record<string, unknown>>();
  index.rowOfKey.forEach((row, key) => {
    if (row < 0) return;
    const entry: Record<string, unknown> = {
      lon: index.lon[row],
      lat: index.lat[row],
      name: decoder.decode(index.names.bytes.subarray(index.names.offsets[row], index.names.offsets[row + 1]))
    };
    for (const { id } of LIST_DIMENSION_SPECS) {
      const code = index.lists[id].codes[row];
      entry[id] = code === 0 ? null : index.lists[id].values[code - 1];
    }
    for (const id of PAGE_INPUTS) entry[`input_${id}`] = index.inputs[id][row];
    out.set(key, entry);
  });
  return out;
}

function expectSameIndex(fromFacts: FilterIndex, fromSql: FilterIndex): void {
  expect(fromFacts.length).toBe(fromSql.length);
  expect(fromFacts.rowOfKey.length).toBe(fromSql.rowOfKey.length);
  for (const { id } of LIST_DIMENSION_SPECS) expect(fromFacts.lists[id].values, id).toEqual(fromSql.lists[id].values);
  expect(fromFacts.names.offsets[fromFacts.length]).toBe(fromSql.names.offsets[fromSql.length]);
  const sqlRows = byKey(fromSql);
  for (const [key, entry] of byKey(fromFacts)) expect(entry, `row_key ${key}`).toEqual(sqlRows.get(key));
}

/** A facts table of hand-made edge rows (created once). */
let edgeMade: Promise<void> | null = null;
const edgeTable = () => (edgeMade ??= makeEdgeTable());
async function makeEdgeTable(): Promise<void> {
  const columns = FACTS_SCHEMA.map(({ name, type }) => `CAST(NULL AS ${type}) AS ${name}`).join(', ');
  await engine.rows(`CREATE OR REPLACE TABLE edge AS SELECT ${columns} LIMIT 0`);
  // Money of another scale, rounded half away from zero by the cast to cents.
  await engine.rows(`ALTER TABLE edge ALTER total_investment TYPE DECIMAL(18,4)`);
  await engine.rows(`ALTER TABLE edge ALTER basis_plan TYPE DECIMAL(38,3)`);
  await engine.rows(`ALTER TABLE edge ALTER basis_completed TYPE BIGINT`);
  const rows = [
    // row_key, in_plan, phase, sector, district, unit, batch, rag, name_lower, total, annual, completed, plan, started, lon
    [
      0,
      'TRUE',
      `'new'`,
      `'transport'`,
      `'450202'`,
      `'市住建局'`,
      `'initial'`,
      `'red'`,
      `'a'`,
      '0.0050',
      '1.5',
      '2',
      '1.005',
      'TRUE',
      '109.1'
    ],
    [1, 'TRUE', `'new'`, 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL', '-0.0050', 'NULL', 'NULL', 'NULL', 'NULL', 'NULL'],
    [
      2,
      'TRUE',
      'NULL',
      `'industry'`,
      `'450203'`,
      `'\uff21单位'`,
      `'supplement-1'`,
      `'green'`,
      `'ｂ'`,
      '0.0049',
      '3.25',
      '0',
      '-2.995',
      'FALSE',
      '0'
    ],
    [
      3,
      'TRUE',
      `'preparatory'`,
      `'industry'`,
      `'450203'`,
      `'\u{1F600}单位'`,
      `'supplement-10'`,
      `'amber'`,
      `''`,
      '0',
      '7.00',
      '-3',
      '0.000',
      'TRUE',
      '-0.0'
    ],
    [5, 'FALSE', `'new'`, `'social'`, `'450999'`, `'left'`, `'initial'`, `'red'`, `'gone'`, '9', '9', '9', '9', 'TRUE', '1'],
    [6, 'NULL', `'new'`, `'social'`, `'450998'`, `'unknown plan'`, `'initial'`, `'red'`, `'unknown'`, '9', '9', '9', '9', 'TRUE', '1'],
    [
      7,
      'TRUE',
      `'completion'`,
      `'industry'`,
      `'450202'`,
      `'\uffe0单位'`,
      `'initial'`,
      `'red'`,
      `'İ'`,
      '12345678901.2345',
      '0.01',
      '99999999',
      '99999999999.995',
      'NULL',
      '109.123456789'
    ],
    [9, 'TRUE', `'new'`, `'industry'`, `'450202'`, `'a'`, `'initial'`, `'red'`, `'x'`, '1.2350', '0.00', '1', '1.015', 'TRUE', '1e-9']
  ];
  for (const [key, inPlan, phase, sector, district, unit, batch, rag, name, total, annual, completed, plan, started, lon] of rows) {
    await engine.rows(
      `INSERT INTO edge (row_key, in_plan, phase, sector, district_code, lead_unit, batch, rag, name_lower, total_investment, annual_plan,
         basis_completed, basis_plan, started, lon, lat, basis_scheduled, basis_unscheduled, level, size_bucket, map_placement)
       VALUES (${key}, ${inPlan}, ${phase}, ${sector}, ${district}, ${unit}, ${batch}, ${rag}, ${name}, ${total}, ${annual},
         ${completed}, ${plan}, ${started}, ${lon}, ${lon === 'NULL' ? 'NULL' : '24.3'}, ${key === 1 ? 'NULL' : '0.5'}, ${key}, NULL, 'small', 'placed')`
    );
  }
  // Ids: ties in total investment are ordered by id (points); a NULL total sorts last.
  await engine.rows(`UPDATE edge SET id = CASE WHEN row_key % 2 = 0 THEN 'b' ELSE 'a' END || row_key::VARCHAR`);
  await engine.rows(`UPDATE edge SET completed_ytd = basis_plan, rag = 'unknown-rag' WHERE row_key = 9`);
  await engine.rows(
    `INSERT INTO edge (row_key, in_plan, id, total_investment, phase, lon, lat) VALUES (10, TRUE, 'a10', 0, 'odd', NULL, NULL), (11, TRUE, 'a11', NULL, NULL, 1, 2)`
  );
}

describe('the page index from the decoded facts', () => {
  it.each(MONTHS.flatMap((m) => PATHS.map((p) => [m, p] as const)))(
    'equals the SQL-built index on the parity fixture in %s, chunks read: %s',
    async (month, path) => {
      const facts = factsRelation(month, metricRules(PARITY_PRESET), true);
      const name = `facts_${month.replace('-', '_')}`;
      await engine.rows(`CREATE OR REPLACE TABLE ${name} AS ${Query.from(facts).select('*')}`);
      const fromSql = await sqlIndex({ facts: name });
      const fromFacts = indexFromFacts(new FactsColumns(await factsChunks(name, 97, path)));
      expect('tooLarge' in fromFacts).toBe(false);
      expectSameIndex(fromFacts as FilterIndex, fromSql);
      expect(fromSql.length).toBeGreaterThan(200);
    }
  );

  it('equals the SQL-built index on edge rows: NULLs, zeros, other decimal scales, code point order, exits', async () => {
    await edgeTable();
    const fromSql = await sqlIndex({ facts: 'edge' });
    for (const path of PATHS)
      for (const chunkRows of [1, 3, 8]) {
        const fromFacts = indexFromFacts(new FactsColumns(await factsChunks('edge', chunkRows, path))) as FilterIndex;
        expectSameIndex(fromFacts, fromSql);
      }
    expect(fromSql.length).toBe(8);
    // The cases are reached: half-cents rounded away from zero, a NULL phase's annual NULL, code point order.
    const entries = byKey(fromSql);
    expect(entries.get(0)!.input_total).toBe(1);
    expect(entries.get(1)!.input_total).toBe(-1);
    expect(entries.get(2)!.input_annual).toBeNaN();
    expect(entries.get(1)!.input_new).toBe(1);
    expect(entries.get(1)!.input_new_started).toBe(0);
    expect(fromSql.lists.unit.values).toEqual(['a', '市住建局', '\uff21单位', '\uffe0单位', '\u{1F600}单位']);
  });

  it.each(PATHS)('equals it when the columns are read from each chunk as it is added, before the last; chunks read: %s', async (path) => {
    await edgeTable();
    const fromSql = await sqlIndex({ facts: 'edge' });
    // The month's rows told with each chunk (arrays made once), not told (made room for), or too many told.
    for (const [chunkRows, told] of [
      [1, 0],
      [3, 10],
      [8, 0],
      [3, 13]
    ]) {
      const facts = new FactsColumns([], PAGE_FACTS_READS);
      for (const chunk of await factsChunks('edge', chunkRows, path)) facts.add(chunk, told);
      expect(facts.length).toBe(10);
      expectSameIndex(indexFromFacts(facts) as FilterIndex, fromSql);
      expect(facts.doubles('row_key')).toHaveLength(10);
      expect(() => facts.add(new Uint8Array(0))).toThrow(/after the columns were read/);
    }
  });

  it('reads only the columns PAGE_FACTS_READS reads from each chunk ahead, and text as UTF-8 only of PAGE_FACTS_UTF8', async () => {
    await edgeTable();
    const asked = new Set<string>();
    const facts = new FactsColumns(await factsChunks('edge', 3), PAGE_FACTS_READS);
    for (const kind of ['doubles', 'cents', 'moneyDoubles', 'bools', 'text', 'utf8'] as const) {
      const read = facts[kind].bind(facts) as (column: string) => unknown;
      facts[kind] = ((column: string) => (asked.add(`${kind}:${column}`), read(column))) as never;
    }
    indexFromFacts(facts);
    projectPointsFromFacts(facts);
    projectLinesFromFacts(facts);
    const ahead = new Set([...PAGE_FACTS_READS.map((r) => `${r.kind}:${r.column}`), ...PAGE_FACTS_UTF8.map((c) => `utf8:${c}`)]);
    expect([...asked].filter((k) => !ahead.has(k))).toEqual([]);
    expect([...ahead].filter((k) => !asked.has(k))).toEqual([]);
  });

  it('takes the columns of a month read in the worker as they are, after pieces that bring only UTF-8', async () => {
    await edgeTable();
    const chunks = await factsChunks('edge', 3, 'worker');
    const columns = chunks.at(-1) as ReadColumns;
    expect(chunks.slice(0, -1).every((c) => !(c instanceof Uint8Array) && !isReadColumns(c))).toBe(true);
    const facts = new FactsColumns(chunks, PAGE_FACTS_READS);
    expect(facts.doubles('row_key')).toBe(columns.columns['doubles:row_key']);
    expect(facts.text('phase').codes).toBe(columns.columns['text:phase']);
    expect(() => facts.utf8('sector')).toThrow(/was not read as UTF-8/);
    expect(() => facts.doubles('progress')).toThrow(/was not read with the month/);
    // Pieces whose columns never came.
    expect(() => new FactsColumns(chunks.slice(0, -1), PAGE_FACTS_READS).doubles('row_key')).toThrow(/was not read with the month/);
  });

  it.each(PATHS)(
    'takes the month’s own columns where every row is in the plan, and copies them where not; chunks read: %s',
    async (path) => {
      await edgeTable();
      await engine.rows(`CREATE OR REPLACE TABLE edge_in_plan AS SELECT * FROM edge WHERE in_plan ORDER BY rowid`);
      const kept = (facts: FactsColumns, index: FilterIndex) => [
        index.lon === facts.doubles('lon'),
        index.lat === facts.doubles('lat'),
        ...PAGE_INPUTS.map((id) => PAGE_INPUT_ROWS[id].column !== undefined && index.inputs[id] === facts.cents(PAGE_INPUT_ROWS[id].column))
      ];
      const inPlan = new FactsColumns(await factsChunks('edge_in_plan', 3, path));
      const all = indexFromFacts(inPlan) as FilterIndex;
      expectSameIndex(all, await sqlIndex({ facts: 'edge_in_plan' }));
      expect(kept(inPlan, all)).toEqual([true, true, ...PAGE_INPUTS.map((id) => PAGE_INPUT_ROWS[id].column !== undefined)]);
      expect(PAGE_INPUTS.filter((id) => PAGE_INPUT_ROWS[id].column)).toHaveLength(5);
      const some = new FactsColumns(await factsChunks('edge', 3, path));
      expect(kept(some, indexFromFacts(some) as FilterIndex).some(Boolean)).toBe(false);
    }
  );

  it('leaves out a month with more projects in the plan than the limit', async () => {
    const name = 'facts_2022_06';
    await engine.rows(
      `CREATE OR REPLACE TABLE ${name} AS ${Query.from(factsRelation('2022-06', metricRules(PARITY_PRESET), true)).select('*')}`
    );
    const facts = new FactsColumns(await factsChunks(name, 1000));
    const [{ n }] = await engine.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${name} WHERE in_plan`);
    expect(indexFromFacts(facts, Number(n) - 1)).toEqual({ tooLarge: Number(n) });
    expect('tooLarge' in indexFromFacts(facts, Number(n))).toBe(false);
  });
});

/** The map's points as pointsFromArrow reads them, in plain arrays (ids too). */
function points(table: ArrowTable) {
  const p = pointsFromArrow(table);
  return {
    length: p.length,
    lonlat: [...p.lonlat],
    phase: [...p.phase],
    rag: [...p.rag],
    sqrtTotal: [...p.sqrtTotal],
    sqrtAnnual: [...p.sqrtAnnual],
    sqrtCompleted: [...p.sqrtCompleted],
    ids: Array.from({ length: p.length }, (_, i) => p.idAt(i))
  };
}

describe("the map's points base from the decoded facts", () => {
  const sqlPoints = async (name: string) => points((await table(projectPointsQuery({ facts: { facts: name } }))) as unknown as ArrowTable);
  const factsPoints = async (name: string, chunkRows: number, path: ChunkPath = 'arrow') =>
    points(projectPointsFromFacts(new FactsColumns(await factsChunks(name, chunkRows, path))) as unknown as ArrowTable);

  it.each(MONTHS)('equals projectPointsQuery without a filter on the parity fixture in %s', async (month) => {
    const name = `points_${month.replace('-', '_')}`;
    await engine.rows(
      `CREATE OR REPLACE TABLE ${name} AS ${Query.from(factsRelation(month, metricRules(PARITY_PRESET), true)).select('*')}`
    );
    const fromSql = await sqlPoints(name);
    expect(fromSql.length).toBeGreaterThan(200);
    expect(await factsPoints(name, 61)).toEqual(fromSql);
    expect(await factsPoints(name, 61, 'worker')).toEqual(fromSql);
  });

  it('gives the size reference of sizeReferenceQuery from the whole base, to float precision', async () => {
    const name = 'points_2022_06';
    const base = projectPointsFromFacts(new FactsColumns(await factsChunks(name, 1000)));
    const whole = {
      numRows: base.numRows,
      getChild: (n: string) => base.getChild(n),
      selection: new Uint8Array(base.numRows).fill(1)
    } as unknown as ArrowTable;
    const reference = baseSizeReference(pointsFromArrow(whole))!;
    const [sql] = await engine.rows(String(sizeReferenceQuery({ facts: name })));
    for (const k of ['total', 'annual', 'completed']) expect(reference[k], k).toBeCloseTo(Number(sql[k]), 3);
    expect(baseSizeReference(pointsFromArrow(base as unknown as ArrowTable))).toBeNull();
  });

  it('equals it on edge rows: ties in total ordered by id, NULL totals last, unknown codes, negative money', async () => {
    await edgeTable();
    const fromSql = await sqlPoints('edge');
    expect(await factsPoints('edge', 3)).toEqual(fromSql);
    expect(await factsPoints('edge', 3, 'worker')).toEqual(fromSql);
    expect(fromSql.ids.slice(-4)).toEqual(['a10', 'a3', 'a1', 'a11']);
    expect(fromSql.rag).toContain(0);
    expect(fromSql.phase).toContain(255);
  });
});

describe('the pieces', () => {
  it('orders text by code point as DuckDB does, not by UTF-16 unit', () => {
    const values = ['\u{1F600}', '\uffe0', 'z', 'Z', '', '市', '\u{10000}a', '\u{10000}'];
    expect([...values].sort(compareCodePoints)).toEqual(['', 'Z', 'z', '市', '\uffe0', '\u{10000}', '\u{10000}a', '\u{1F600}']);
  });

  it('rounds unscaled decimals to cents half away from zero', () => {
    expect([5, -5, 4, -4, 15, 0].map((u) => centsOfUnscaled(u, 3))).toEqual([1, -1, 0, 0, 2, 0]);
    expect(centsOfUnscaled(7, 0)).toBe(700);
    expect(centsOfUnscaled(12345, 2)).toBe(12345);
  });
});
