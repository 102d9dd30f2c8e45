/**
 * A month's facts read once (db/facts-reads.ts): the chunks go to whoever iterates as they come,
 * the whole read to the page's index, a failure after some chunks is thrown to both, and a read
 * let go is started again on the next ask.
 */
import { describe, expect, it } from 'vitest';
import { FactsReads } from '../../../src/lib/db/facts-reads.ts';

/** A reader whose chunks and end are given by the test. */
function manual() {
  const started: string[] = [];
  let push!: (ipc: Uint8Array) => void;
  let finish!: (err?: Error) => void;
  const reads = new FactsReads((month, onChunk) => {
    started.push(month);
    push = onChunk;
    return new Promise<void>((resolve, reject) => (finish = (err) => (err ? reject(err) : resolve())));
  });
  return { reads, started, push: (n: number) => push(new Uint8Array([n])), finish: (err?: Error) => finish(err) };
}

const collect = async (it: AsyncIterable<Uint8Array>) => {
  const out: number[] = [];
  for await (const c of it) out.push(c[0]);
  return out;
};

describe('facts reads', () => {
  it('reads a month once for the insert and the index, handing chunks over as they come', async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    expect(m.reads.read('2022-06')).toBe(read);
    expect(m.started).toEqual(['2022-06']);
    const whole = read.all()!;
    const inserted = collect(read);
    m.push(1);
    m.push(2);
    m.push(3);
    m.finish();
    expect(await inserted).toEqual([1, 2, 3]);
    expect((await whole).map((c) => c[0])).toEqual([1, 2, 3]);
    // Iterated again (a second consumer), the same chunks.
    expect(await collect(read)).toEqual([1, 2, 3]);
  });

  it('throws a failure after the chunks that came, to every consumer', async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    const inserted: number[] = [];
    const insert = (async () => {
      for await (const c of read) inserted.push(c[0]);
    })();
    m.push(1);
    m.finish(new Error('data/x/facts/2022-06.parquet: not Parquet'));
    await expect(insert).rejects.toThrow(/facts\/2022-06\.parquet/);
    await expect(read.done).rejects.toThrow(/not Parquet/);
    expect(inserted).toEqual([1]);
  });

  it('hands the insert copies once the index wants the whole month, and the index nothing once a chunk went as it is', async () => {
    const m = manual();
    const read = m.reads.read('2022-06');
    m.push(1);
    const whole = read.all()!;
    const copies: Uint8Array[] = [];
    const insert = (async () => {
      for await (const c of read) copies.push(c);
    })();
    m.push(2);
    m.finish();
    await insert;
    const chunks = await whole;
    // duckdb-wasm transfers what it inserts: the index's chunks are never those.
    expect(copies.map((c, i) => c !== chunks[i] && c[0] === chunks[i][0])).toEqual([true, true]);

    const late = m.reads.read('2022-05');
    const first = (async () => {
      for await (const c of late) return c;
    })();
    m.push(7);
    expect((await first)![0]).toBe(7);
    expect(late.all()).toBeNull();
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
    expect(m.started).toEqual(['2022-06', '2022-06']);
  });
});
