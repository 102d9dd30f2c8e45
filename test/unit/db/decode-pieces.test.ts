/**
 * A chunk whose columns are read where it is decoded comes in pieces of at most READ_BATCH_ROWS
 * rows (parquet-decode.ts), in the file's order, and a file of no rows still as one chunk.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initParquet from 'parquet-wasm/esm';
import { decode, READ_BATCH_ROWS, type DecodedChunk } from '../../../src/lib/db/parquet-decode.ts';
import type { ChunkReads, ReadChunk } from '../../../src/lib/db/local/chunk-columns.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'cm-decode-'));
const ROWS = 50_000;
let files = 0;

async function parquetOf(select: string, rowGroupRows: number): Promise<Uint8Array> {
  const file = path.join(dir, `f${++files}.parquet`);
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (${select}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupRows})`);
  con.closeSync();
  db.closeSync();
  return new Uint8Array(await readFile(file));
}

const reads: ChunkReads = { columns: [{ kind: 'doubles', column: 'x' }], utf8: ['name'] };

async function decodedPieces(bytes: Uint8Array, chunkRows: number): Promise<ReadChunk[]> {
  const pieces: ReadChunk[] = [];
  const result = await decode(
    {
      bytes,
      required: [{ name: 'x' }, { name: 'name' }],
      columns: ['x', 'name'],
      reads,
      chunkRows
    },
    (chunk: DecodedChunk) => void pieces.push(chunk as ReadChunk)
  );
  expect(result).toMatchObject({ ok: true });
  return pieces;
}

beforeAll(async () => {
  // parquet-wasm from its file (the module's own URL is the site's, not Node's).
  const require = createRequire(import.meta.url);
  await initParquet({ module_or_path: await readFile(require.resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decoding a chunk in pieces', () => {
  it('hands a row group larger than a piece over in pieces of at most READ_BATCH_ROWS, every row once and in order', async () => {
    const bytes = await parquetOf(`SELECT i::DOUBLE AS x, 'p' || i AS name FROM range(${ROWS}) t(i) ORDER BY i`, 122_880);
    const pieces = await decodedPieces(bytes, 122_880);
    expect(pieces.length).toBe(Math.ceil(ROWS / READ_BATCH_ROWS));
    expect(pieces.every((p) => p.rows <= READ_BATCH_ROWS)).toBe(true);
    const xs = pieces.flatMap((p) => [...(p.values['doubles:x'] as Float64Array)]);
    expect(xs).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    const last = pieces.at(-1)!.utf8.name;
    const text = new TextDecoder().decode(last.values.subarray(last.offsets[last.length - 1], last.offsets[last.length]));
    expect(text).toBe(`p${ROWS - 1}`);
  });

  it('keeps to the chunks of whole row groups (a piece never spans two chunks)', async () => {
    const bytes = await parquetOf(`SELECT i::DOUBLE AS x, 'p' || i AS name FROM range(${ROWS}) t(i) ORDER BY i`, 10_240);
    const pieces = await decodedPieces(bytes, 20_480);
    const sizes = pieces.map((p) => p.rows);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(ROWS);
    // Chunks of 20,480 rows (two row groups), each in pieces of at most 16,384.
    let row = 0;
    for (const n of sizes) {
      expect(Math.floor(row / 20_480)).toBe(Math.floor((row + n - 1) / 20_480));
      row += n;
    }
  });

  it('hands a file of no rows over as one chunk of none', async () => {
    const bytes = await parquetOf(`SELECT 1::DOUBLE AS x, 'a' AS name WHERE false`, 122_880);
    const pieces = await decodedPieces(bytes, 122_880);
    expect(pieces.map((p) => p.rows)).toEqual([0]);
  });
});
