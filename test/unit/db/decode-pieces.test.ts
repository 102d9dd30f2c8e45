/**
 * A file whose columns are read where it is decoded comes in pieces of at most READ_BATCH_ROWS
 * rows (parquet-decode.ts), in the file's order, and a file of no rows still as one piece; then
 * its columns, every row (chunk-columns.ts).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import initParquet from 'parquet-wasm/esm';
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { decode, READ_BATCH_ROWS, type DecodedChunk } from '../../../src/lib/db/parquet-decode.ts';
import { isReadColumns, MonthReads, type ChunkReads, type ReadColumns, type ReadPiece } from '../../../src/lib/db/local/chunk-columns.ts';

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

const reads: ChunkReads = {
  columns: [
    { kind: 'doubles', column: 'x' },
    { kind: 'text', column: 'name' }
  ],
  utf8: ['name']
};

/** The pieces as handed over, and the columns after them. */
async function decodedPieces(bytes: Uint8Array, chunkRows: number): Promise<ReadPiece[] & { columns: ReadColumns }> {
  const chunks: DecodedChunk[] = [];
  const result = await decode(
    {
      bytes,
      required: [{ name: 'x' }, { name: 'name' }],
      columns: ['x', 'name'],
      reads,
      chunkRows
    },
    (chunk: DecodedChunk) => void chunks.push(chunk)
  );
  expect(result).toMatchObject({ ok: true });
  const columns = chunks.pop();
  expect(columns instanceof Uint8Array || !isReadColumns(columns!)).toBe(false);
  expect(chunks.every((c) => !(c instanceof Uint8Array) && !isReadColumns(c))).toBe(true);
  return Object.assign(chunks as ReadPiece[], { columns: columns as ReadColumns });
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
    expect([...pieces.columns.columns['doubles:x']]).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    // Text codes of first appearance in the file, not in the piece.
    const codes = pieces.columns.columns['text:name'];
    expect(codes).toHaveLength(ROWS);
    expect(pieces.columns.texts['text:name'][codes[ROWS - 1] - 1]).toBe(`p${ROWS - 1}`);
    expect(new Set(codes).size).toBe(ROWS);
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
    expect(pieces.columns.columns['doubles:x']).toHaveLength(0);
  });
});

describe('a file kept for a second decode', () => {
  it('is kept as a Blob of its bytes, which decodes to the same rows', async () => {
    const bytes = await parquetOf(`SELECT i::DOUBLE AS x, 'p' || i AS name FROM range(${ROWS}) t(i) ORDER BY i`, 122_880);
    const request = { required: [{ name: 'x' }, { name: 'name' }], columns: ['x', 'name'], reads, chunkRows: 122_880 };
    const first: DecodedChunk[] = [];
    const kept = await decode({ ...request, bytes: bytes.slice(), keepFile: true }, (c) => void first.push(c));
    expect(kept).toMatchObject({ ok: true, ipc: null });
    const file = (kept as { file?: unknown }).file;
    expect(file).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (file as Blob).arrayBuffer())).toEqual(bytes);
    const again: DecodedChunk[] = [];
    expect(await decode({ ...request, bytes: file as Blob }, (c) => void again.push(c))).toEqual({ ok: true, ipc: null });
    const x = (chunks: DecodedChunk[]) => [...(chunks.at(-1) as ReadColumns).columns['doubles:x']];
    expect(x(again)).toEqual(x(first));
    expect(x(again)).toHaveLength(ROWS);
  });

  it('is refused when it is not Parquet', async () => {
    const result = await decode(
      { required: [{ name: 'x' }], bytes: new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])]) },
      () => undefined
    );
    expect(result).toEqual({ ok: false, kind: 'noFooter' });
  });
});

describe("a month's columns read piece by piece (MonthReads)", () => {
  const ipcOf = async (select: string) => {
    const pieces = await decodedPieces(await parquetOf(select, 122_880), 122_880);
    return pieces.columns;
  };

  it('codes text by first appearance across pieces, NULL as 0', async () => {
    const columns = await ipcOf(
      `SELECT i::DOUBLE AS x, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || (${ROWS} - i) % 7 END AS name FROM range(${ROWS}) t(i) ORDER BY i`
    );
    const codes = columns.columns['text:name'];
    const texts = columns.texts['text:name'];
    for (const i of [0, 1, 2, 16_383, 16_384, 16_385, ROWS - 1]) {
      expect(codes[i] === 0 ? null : texts[codes[i] - 1], `row ${i}`).toBe(i % 3 === 0 ? null : `v${(ROWS - i) % 7}`);
    }
    // Codes in order of first appearance.
    const firsts = [...new Set(codes)].filter((c) => c > 0);
    expect(firsts).toEqual(firsts.map((_, k) => k + 1));
  });

  it('refuses more rows than the file told, and its columns before every row is read', () => {
    const twoRows = tableToIPC(tableFromArrays({ x: [1, 2], name: ['a', 'b'] }), { format: 'stream' })!;
    expect(() => new MonthReads(reads, 1).piece(twoRows)).toThrow(/more rows than the file's 1/);
    const month = new MonthReads(reads, 3);
    month.piece(twoRows);
    expect(() => month.columns()).toThrow(/2 rows read of the file's 3/);
  });
});
