/**
 * A month's facts read once (db/facts-reads.ts): the chunks go to whoever iterates as they come,
 * the whole read to the page's index, a failure after some chunks is thrown to both, and a read
 * let go is started again on the next ask. A read for the index keeps the file, gives the index
 * the decoded chunks and decodes the file again for the insert, never fetching it twice; an
 * insert is handed one chunk at a time.
 */
import { describe, expect, it } from 'vitest';
import { FactsReads } from '../../../src/lib/db/facts-reads.ts';
import type { DecodedChunk, KeptFile } from '../../../src/lib/db/parquet-decode.ts';

/** The one byte of a test's chunk. */
const byte = (chunk: DecodedChunk) => (chunk as Uint8Array)[0];

/** A reader whose chunks and end (with the file's bytes, when kept) are given by the test. */
function manual() {
  const started: { month: string; forIndex: boolean; from?: number[] | Blob }[] = [];
  let push!: (chunk: DecodedChunk, rows: number) => Promise<void> | void;
  let finish!: (err?: Error, file?: KeptFile) => void;
  const reads = new FactsReads((month, onChunk, { forIndex, from }) => {
    started.push({ month, forIndex, ...(from ? { from: from instanceof Blob ? from : [...from] } : {}) });
    push = onChunk;
    return new Promise<KeptFile | null>((resolve, reject) => (finish = (err, file) => (err ? reject(err) : resolve(file ?? null))));
  });
  return {
    reads,
    started,
    months: () => started.map((s) => s.month),
    push: (n: number) => push(new Uint8Array([n]), 10),
    finish: (err?: Error, file?: KeptFile) => finish(err, file)
  };
}

const collect = async (it: AsyncIterable<Uint8Array>) => {
  const out: number[] = [];
  for await (const c of it) out.push(c[0]);
  return out;
};

describe('facts reads', () => {
  it("reads a month once for the insert, handing its chunks over as they come, and the index its own decode of the file's bytes", async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    expect(m.reads.read('2022-06')).toBe(read);
    expect(m.started).toEqual([{ month: '2022-06', forIndex: false }]);
    const whole = read.all()!;
    const inserted = collect(read);
    void m.push(1);
    void m.push(2);
    m.finish(undefined, new Uint8Array([8]));
    expect(await inserted).toEqual([1, 2]);
    // The index: the page's columns decoded from the kept bytes, never the insert's chunks.
    await expect.poll(() => m.started.length).toBe(2);
    expect(m.started[1]).toEqual({ month: '2022-06', forIndex: true, from: [8] });
    m.push(3);
    m.finish();
    expect((await whole).map(byte)).toEqual([3]);
  });

  it('decodes a file kept as a Blob again from the Blob, for the index and then the insert', async () => {
    const m = manual();
    const read = m.reads.read('2022-06', true);
    const whole = read.all()!;
    m.push(1);
    m.finish(undefined, new Blob([new Uint8Array([7, 8])]));
    expect((await whole).map(byte)).toEqual([1]);
    const inserted = collect(read);
    await expect.poll(() => m.started.length).toBe(2);
    const from = m.started[1].from as Blob;
    expect(from).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await from.arrayBuffer())]).toEqual([7, 8]);
    void m.push(2);
    m.finish();
    expect(await inserted).toEqual([2]);
  });

  it('throws a failure after the chunks that came, to every consumer', async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    const inserted: number[] = [];
    const insert = (async () => {
      for await (const c of read) inserted.push(c[0]);
    })();
    void m.push(1);
    m.finish(new Error('data/x/facts/2022-06.parquet: not Parquet'));
    await expect(insert).rejects.toThrow(/facts\/2022-06\.parquet/);
    await expect(read.done).rejects.toThrow(/not Parquet/);
    expect(inserted).toEqual([1]);
  });

  it('lets go of the reads of other months than the one shown, unless an insert is taking them', async () => {
    const m = manual();
    const left = m.reads.read('2022-04', true);
    const inserting = m.reads.read('2022-05', true);
    void collect(inserting);
    m.reads.read('2022-06', true);
    m.reads.keepOnly('2022-06');
    expect(m.reads.held('2022-04')).toBeNull();
    expect(m.reads.held('2022-05')).toBe(inserting);
    expect(m.reads.held('2022-06')).not.toBeNull();
    expect(left).not.toBe(m.reads.read('2022-04', true));
  });

  it('holds a read until it is let go, then starts a new one', async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    m.finish();
    await read.done;
    expect(m.reads.held('2022-06')).toBe(read);
    expect(m.reads.held('2022-05')).toBeNull();
    m.reads.release('2022-06', read);
    expect(m.reads.held('2022-06')).toBeNull();
    expect(m.reads.read('2022-06')).not.toBe(read);
    expect(m.months()).toEqual(['2022-06', '2022-06']);
  });

  it('gives the index the decoded month (its columns) and decodes the kept file again, whole, for the insert, without fetching it twice', async () => {
    const m = manual();
    const read = m.reads.read('2022-06', true);
    expect(m.started).toEqual([{ month: '2022-06', forIndex: true }]);
    const whole = read.all()!;
    m.push(1);
    m.push(2);
    m.finish(undefined, new Uint8Array([9, 9]));
    expect((await whole).map(byte)).toEqual([1, 2]);
    // The insert: a second decode of the file's bytes (not a second fetch), its chunks as they are.
    const inserted = collect(read);
    await expect.poll(() => m.started.length).toBe(2);
    expect(m.started[1]).toEqual({ month: '2022-06', forIndex: false, from: [9, 9] });
    m.push(3);
    m.push(4);
    m.finish();
    expect(await inserted).toEqual([3, 4]);
  });

  it('tells the index of each chunk as it is decoded, those decoded already at once, in order, then gives them all', async () => {
    const m = manual();
    const read = m.reads.read('2022-06', true);
    m.push(1);
    const told: number[] = [];
    const whole = read.all((c, rows) => told.push(byte(c) * rows))!;
    expect(told).toEqual([10]);
    m.push(2);
    expect(told).toEqual([10, 20]);
    m.push(3);
    m.finish(undefined, new Uint8Array([7]));
    expect((await whole).map(byte)).toEqual([1, 2, 3]);
    expect(told).toEqual([10, 20, 30]);
    // A second ask decodes the kept file again, and tells of those chunks.
    const again: number[] = [];
    const second = read.all((c) => again.push(byte(c)))!;
    await expect.poll(() => m.started.length).toBe(2);
    m.push(4);
    m.finish();
    expect((await second).map(byte)).toEqual([4]);
    expect(again).toEqual([4]);
  });

  it("never hands the index's chunks (the page's columns only) to an insert that starts while they are decoded", async () => {
    const m = manual();
    const read = m.reads.read('2022-06', true);
    const inserted = collect(read);
    // The insert waits for the file: the index's decode is never held back for it.
    expect(m.push(1)).toBeUndefined();
    m.finish(undefined, new Uint8Array([4]));
    await expect.poll(() => m.started.length).toBe(2);
    expect(m.started[1]).toEqual({ month: '2022-06', forIndex: false, from: [4] });
    m.push(5);
    m.finish();
    expect(await inserted).toEqual([5]);
    // The index still gets its chunks; the file went to the insert's decode.
    expect((await read.all()!).map(byte)).toEqual([1]);
    expect(read.all()).toBeNull();
  });

  it('fails the insert of an index read whose file fails, before any chunk', async () => {
    const m = manual();
    const read = m.reads.read('2022-06', true);
    const inserted = collect(read);
    m.push(1);
    m.finish(new Error('data/x/facts/2022-06.parquet: column rag: expected VARCHAR'));
    await expect(inserted).rejects.toThrow(/facts\/2022-06\.parquet/);
    expect(m.started).toHaveLength(1);
  });

  it('decodes the kept file again for an index that asks once the first took the decoded month', async () => {
    const m = manual();
    const read = m.reads.read('2022-06', true);
    const first = read.all()!;
    m.push(1);
    m.finish(undefined, new Uint8Array([5]));
    await first;
    const second = read.all()!;
    expect(m.started[1]).toEqual({ month: '2022-06', forIndex: true, from: [5] });
    m.push(6);
    m.finish();
    expect((await second).map(byte)).toEqual([6]);
  });

  it('decodes the next chunk for an insert only once it took the one before', async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    const taken: number[] = [];
    let resume!: () => void;
    const insert = (async () => {
      for await (const c of read) {
        taken.push(c[0]);
        // The insert of chunk 1 is under way until the test resumes it.
        if (c[0] === 1) await new Promise<void>((r) => (resume = r));
      }
    })();
    await Promise.resolve();
    let paced = false;
    const first = m.push(1);
    expect(first).toBeInstanceOf(Promise);
    void first!.then(() => (paced = true));
    await expect.poll(() => taken).toEqual([1]);
    expect(paced).toBe(true);
    // Chunk 2 waits in the page, undecoded chunk 3 waits for it to be taken.
    let third = false;
    const second = m.push(2);
    void second!.then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    resume();
    await expect.poll(() => third).toBe(true);
    m.finish();
    await insert;
    expect(taken).toEqual([1, 2]);
  });

  it('never holds a decode back for a month no insert takes (the index wants it whole)', () => {
    const m = manual();
    m.reads.read('2022-06', true);
    expect(m.push(1)).toBeUndefined();
    expect(m.push(2)).toBeUndefined();
  });
});
