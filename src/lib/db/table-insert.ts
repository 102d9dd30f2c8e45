/**
 * Arrow IPC into the dataset's database: a table inserted chunk by chunk as a file decodes,
 * and never left half-inserted.
 */
import type { AsyncDuckDB } from './duckdb.ts';
import { connectData } from './data-database.ts';

type Db = AsyncDuckDB | PromiseLike<AsyncDuckDB>;

/** Runs statements on one connection to the dataset's database. */
export async function runData(db: Db, statements: string[]): Promise<void> {
  const conn = await connectData(await db);
  try {
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.close();
  }
}

/**
 * Inserts a table chunk by chunk, in order, as the chunks arrive: the first creates the table.
 * If the file fails after some chunks, the table is dropped again (never half a table).
 */
export function chunkInserter(db: Db, name: string) {
  let chain: Promise<void> = Promise.resolve();
  let first = true;
  return {
    /** Resolves once this chunk is in (or its insert failed: `done()` tells). */
    add(ipc: Uint8Array): Promise<void> {
      const create = first;
      first = false;
      chain = chain.then(async () => {
        const conn = await connectData(await db);
        try {
          if (create) await conn.query(`DROP TABLE IF EXISTS "${name}"`);
          await conn.insertArrowFromIPCStream(ipc, { name, create });
        } finally {
          await conn.close();
        }
      });
      return chain.catch(() => undefined);
    },
    /** Every chunk inserted; rejects with the first failure. */
    done: () => chain,
    async drop(): Promise<void> {
      await chain.catch(() => undefined);
      await runData(db, [`DROP TABLE IF EXISTS "${name}"`]);
    }
  };
}
