/** The parity fixture's months as facts tables in DuckDB and as the decoded chunks the page indexes (one per month). */
import { Query } from '@uwdata/mosaic-sql';
import { factsRelation } from '../../../src/lib/metrics/query.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { loadParityFixture, MONTHS, PARITY_PRESET, parityFixture } from './parity-fixture.ts';
import type { Engine } from './engines.ts';

/** The DuckDB table holding a month's facts. */
export const factsTable = (month: string) => `facts_${month.replace('-', '_')}`;

/** Loads the fixture into the engine, makes every month's facts table, and returns each month's facts as Arrow IPC. */
export async function parityFactsChunks(engine: Engine): Promise<Map<string, Uint8Array[]>> {
  const chunks = new Map<string, Uint8Array[]>();
  await loadParityFixture(engine.connector, parityFixture(20220630));
  for (const month of MONTHS) {
    await engine.rows(
      `CREATE OR REPLACE TABLE ${factsTable(month)} AS ${Query.from(factsRelation(month, metricRules(PARITY_PRESET), true)).select('*')}`
    );
    const ipc = (await engine.connector.query({
      type: 'arrow',
      sql: `SELECT * FROM ${factsTable(month)} ORDER BY rowid`
    } as never)) as Uint8Array;
    chunks.set(month, [ipc]);
  }
  return chunks;
}
