/**
 * What the map answers in the page without the engine (issue 21), held to its SQL: the lines base
 * (lines-from-facts.ts) equals projectLinesQuery without a filter, the points' names
 * (points-from-facts.ts `names`) equal the facts' names by id, and every choropleth metric is one
 * the page can sum (so shading starts no engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { Query } from '@uwdata/mosaic-sql';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { factsRelation } from '../../../src/lib/metrics/query.ts';
import { FactsColumns, type FactsChunk } from '../../../src/lib/db/local/facts-columns.ts';
import { readMonth } from '../../../src/lib/db/local/chunk-columns.ts';
import { pageCanAnswer } from '../../../src/lib/db/local/answers.ts';
import { PAGE_CHUNK_READS, PAGE_FACTS_COLUMNS } from '../../../src/lib/db/local/index-from-facts.ts';
import { projectLinesQuery } from '../../../src/lib/map/project-lines.ts';
import { projectLinesFromFacts } from '../../../src/lib/map/lines-from-facts.ts';
import { pointsFromArrow, type ArrowTable } from '../../../src/lib/map/project-points.ts';
import { projectPointsFromFacts, projectPointsWithNamesFromFacts } from '../../../src/lib/map/points-from-facts.ts';
import { CHORO_UNITS } from '../../../src/lib/views/map/district-layer.ts';
import { openWasm, type Engine } from '../db/engines.ts';
import { loadParityFixture, MONTHS, PARITY_PRESET, parityFixture } from '../db/parity-fixture.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm();
  await loadParityFixture(engine.connector, parityFixture(20220630));
});
afterAll(() => engine?.close());

const ipc = async (q: Query | string) => (await engine.connector.query({ type: 'arrow', sql: String(q) } as never)) as Uint8Array;

async function factsTable(month: string): Promise<string> {
  const name = `facts_${month.replace('-', '_')}`;
  await engine.rows(`CREATE OR REPLACE TABLE ${name} AS ${Query.from(factsRelation(month, metricRules(PARITY_PRESET), true)).select('*')}`);
  return name;
}

/**
 * The facts table as the decoding worker hands it to the page: chunks of `chunkRows` rows, the
 * page's columns only, as Arrow IPC or (`worker`) the month read in the worker (PAGE_CHUNK_READS).
 */
async function chunks(name: string, chunkRows: number, path: 'arrow' | 'worker' = 'arrow'): Promise<FactsChunk[]> {
  const [{ n }] = await engine.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${name}`);
  const out: Uint8Array[] = [];
  for (let at = 0; at < Number(n); at += chunkRows)
    out.push(await ipc(`SELECT ${PAGE_FACTS_COLUMNS.join(', ')} FROM ${name} ORDER BY rowid LIMIT ${chunkRows} OFFSET ${at}`));
  return path === 'worker' ? readMonth(out, PAGE_CHUNK_READS) : out;
}

const plain = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, row_key: Number(r.row_key) }));

describe("the map's lines base from the decoded facts", () => {
  it.each(MONTHS)('equals projectLinesQuery without a filter on the parity fixture in %s', async (month) => {
    const name = await factsTable(month);
    const fromSql = plain(tableFromIPC(await ipc(projectLinesQuery({ facts: { facts: name } }))).toArray() as Record<string, unknown>[]);
    expect(fromSql.length).toBeGreaterThan(10);
    for (const path of ['arrow', 'worker'] as const) {
      const fromFacts = plain(projectLinesFromFacts(new FactsColumns(await chunks(name, 37, path))).toArray() as Record<string, unknown>[]);
      expect(fromFacts, path).toEqual(fromSql);
    }
  });

  it('gives an empty base for a month without lines', async () => {
    const name = await factsTable('2022-06');
    await engine.rows(`CREATE OR REPLACE TABLE no_lines AS SELECT * REPLACE (NULL::VARCHAR AS geometry) FROM ${name}`);
    expect(projectLinesFromFacts(new FactsColumns(await chunks('no_lines', 100))).numRows).toBe(0);
  });
});

describe("the map's points with their names", () => {
  it.each(['arrow', 'worker'] as const)(
    'name each point as the facts do, and the points without names are otherwise the same (%s)',
    async (path) => {
      const name = await factsTable('2022-06');
      const facts = new FactsColumns(await chunks(name, 53, path));
      const named = pointsFromArrow(projectPointsWithNamesFromFacts(facts) as unknown as ArrowTable);
      const bare = pointsFromArrow(projectPointsFromFacts(facts) as unknown as ArrowTable);
      const names = new Map((await engine.rows(`SELECT id, name FROM ${name}`)).map((r) => [r.id, r.name]));
      expect(named.length).toBeGreaterThan(200);
      for (let i = 0; i < named.length; i++) expect(named.nameAt(i)).toBe(names.get(named.idAt(i)));
      expect(bare.nameAt(0)).toBe('');
      expect(named.sqrtTotal).toEqual(bare.sqrtTotal);
      expect(named.idAt(7)).toBe(bare.idAt(7));
    }
  );
});

describe('the choropleth', () => {
  it('shades by metrics the page sums, so it is answered without the engine', () => {
    for (const metric of Object.keys(CHORO_UNITS)) expect(pageCanAnswer([metric]), metric).toBe(true);
  });
});
