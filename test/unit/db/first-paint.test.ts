/**
 * points.arrow (scripts/lib/first-paint.ts, read by src/lib/db/first-paint.ts) against the
 * first paint the decoding worker reads from projects.parquet: the same columns, value for value,
 * in the same order; and a wrong file is refused naming the file and the column.
 */
import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readParquet } from 'parquet-wasm/node';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { writeFirstPaint } from '../../../scripts/lib/first-paint.ts';
import { firstPaintColumns } from '../../../src/lib/db/first-paint.ts';
import { previewColumns } from '../../../src/lib/db/preview-points.ts';
import { DataLoadError } from '../../../src/lib/db/errors.ts';

const PROJECTS = 'static/data/liuzhou-2022/projects.parquet';

describe('points.arrow', () => {
  it("holds the projects file's first paint, value for value, largest first", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cm-first-paint-'));
    try {
      const conn = await openDuckDB();
      await writeFirstPaint(conn, PROJECTS, path.join(dir, 'points.arrow'));
      conn.closeSync();
      const written = firstPaintColumns(tableFromIPC(await readFile(path.join(dir, 'points.arrow'))), 'points.arrow');
      const fromParquet = previewColumns(tableFromIPC(readParquet(new Uint8Array(await readFile(PROJECTS))).intoIPCStream()));
      expect(written.length).toBe(fromParquet.length);
      expect(written.length).toBeGreaterThan(900);
      for (const k of ['lonlat', 'phase', 'sqrtTotal', 'sqrtAnnual', 'exited'] as const)
        expect([k, [...written[k]]]).toEqual([k, [...fromParquet[k]]]);
      // Each point's row_key is its project's row in projects.parquet (the facts' row_key): the same place and size there.
      const projects = tableFromIPC(readParquet(new Uint8Array(await readFile(PROJECTS))).intoIPCStream());
      const lon = projects.getChild('lon')!;
      const rowKey = written.rowKey!;
      expect(new Set(rowKey).size).toBe(written.length);
      for (let k = 0; k < written.length; k++) expect([k, Math.fround(Number(lon.get(rowKey[k])))]).toEqual([k, written.lonlat[2 * k]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is refused with the file and the column named when a column is missing or of another type', () => {
    const n = 2;
    const good = {
      lon: new Float32Array(n),
      lat: new Float32Array(n),
      phase: new Uint8Array(n),
      sqrt_total: new Float32Array(n),
      sqrt_annual: new Float32Array(n)
    };
    const read = (cols: Record<string, ArrayLike<number>>) =>
      firstPaintColumns(tableFromIPC(tableToIPC(tableFromArrays(cols as never) as unknown as Table)), 'data/x/points.arrow');
    expect(read(good).exited).toEqual(new Int32Array(n).fill(2 ** 31 - 1));
    const refused = (cols: Record<string, ArrayLike<number>>) => {
      try {
        read(cols);
      } catch (e) {
        expect(e).toBeInstanceOf(DataLoadError);
        return (e as DataLoadError).userMessage.params;
      }
      return null;
    };
    const { lat: _lat, ...noLat } = good;
    expect(refused(noLat)).toEqual({ file: 'data/x/points.arrow', detail: 'no column lat' });
    expect(refused({ ...good, lon: new Float64Array(n) })).toMatchObject({
      file: 'data/x/points.arrow',
      detail: expect.stringMatching(/^column lon: Float32 expected, Float(64)? found$/)
    });
  });
});
