/**
 * A month's facts file read once, as soon as it is asked for and without the engine: its decoded
 * Arrow chunks go to the page's index (db/local/index-from-facts.ts, which answers filters before
 * duckdb-wasm has started) and to the insert into DuckDB once the engine is in (month-facts.ts).
 *
 * The decoded month is about 7× its file (443 MB of Arrow from 62 MB of Parquet at 1M projects,
 * npm run bench), so no decoded month is held for long: every read keeps the file's bytes, and
 * each consumer gets a decode of its own. A read for the index decodes only the page's columns
 * (PAGE_FACTS_COLUMNS), which the decoding worker reads from each chunk (PAGE_CHUNK_READS: the
 * chunks are then ReadChunks, not Arrow) and gives the chunks to the index, which lets them go once built; the
 * insert decodes the kept bytes again, whole. A read for the insert (the engine is in) hands its
 * chunks over as they are (duckdb-wasm moves each one's buffer to its worker), the next decoded
 * once the one before is taken, and an index that asks decodes its columns from the kept bytes.
 */
import { perfMark } from '../perf.ts';
import type { ChunkHandler, DecodedChunk, KeptFile } from './parquet-decode.ts';

/**
 * How a read starts its decode: the file's bytes kept (the result) unless decoding bytes kept by
 * an earlier read (`from`, not fetched again); `forIndex`: the page's columns only.
 */
export type StartRead = (
  onChunk: ChunkHandler<DecodedChunk>,
  options: { forIndex: boolean; from?: KeptFile }
) => Promise<KeptFile | null | void>;

type ReadOptions = Parameters<StartRead>[1];

const EMPTY = new Uint8Array(0);

export class FactsRead {
  #chunks: DecodedChunk[] = [];
  /** Resolves once the whole file is decoded; rejects (naming the file) when it cannot be read. */
  readonly done: Promise<void>;
  readonly #start: StartRead;
  #finished = false;
  #waiting: (() => void)[] = [];
  /** For the page's index: its columns only (never inserted). */
  readonly #forIndex: boolean;
  /** An insert is taking the chunks (or, of a read for the index, waiting for its file). */
  #iterating = false;
  /** The decode of a read for the insert waits for each chunk to be taken (by chunk number). */
  readonly #untaken = new Map<number, () => void>();
  /** The file's bytes, for the next consumer's decode. */
  #file: KeptFile | null = null;
  /** The decoded chunks of a read for the index went to it. */
  #givenAway = false;
  /** Told of each chunk of a read for the index as it is decoded (`all`'s `onChunk`). */
  #listener: ((chunk: DecodedChunk, rows: number) => void) | null = null;
  /** Rows of the whole decode (told with each chunk). */
  #rows = 0;

  constructor(start: StartRead, options: ReadOptions = { forIndex: false }) {
    this.#start = start;
    this.#forIndex = options.forIndex;
    const wake = () => this.#waiting.splice(0).forEach((w) => w());
    const onChunk = (chunk: DecodedChunk, rows: number): Promise<void> | void => {
      this.#rows = rows;
      const n = this.#chunks.push(chunk) - 1;
      if (n === 0) perfMark('facts-first-chunk');
      this.#listener?.(chunk, rows);
      wake();
      if (!this.#forIndex) return new Promise<void>((r) => this.#untaken.set(n, r));
    };
    this.done = start(onChunk, options).then(
      (file) => {
        if (!options.from && file) this.#file = file;
        this.#finished = true;
        wake();
      },
      (err: unknown) => {
        this.#finished = true;
        wake();
        throw err;
      }
    );
    this.done.catch(() => undefined);
  }

  /** No insert is taking this read's chunks. */
  get idle(): boolean {
    return !this.#iterating;
  }

  /** The kept file decoded again (a copy when the insert may still need it); fetched again if none was kept. */
  #again(forIndex: boolean): FactsRead {
    const file = this.#file;
    if (!forIndex) this.#file = null;
    const from = file && forIndex ? file.slice() : file;
    return new FactsRead(this.#start, { forIndex, ...(from ? { from } : {}) });
  }

  /**
   * The chunks in order as they are decoded, for the insert into DuckDB (which transfers each
   * chunk's buffer to its worker); throws the file's failure after the chunks that came. A read
   * for the index is decoded again once whole, every column, from its kept file.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    this.#iterating = true;
    if (this.#forIndex) {
      await this.done;
      return yield* this.#again(false);
    }
    const chunks = this.#chunks;
    try {
      for (let i = 0; ;) {
        if (i < chunks.length) {
          const chunk = chunks[i];
          chunks[i] = EMPTY;
          this.#untaken.get(i)?.();
          this.#untaken.delete(i++);
          // A read for the insert asks for no columns read: its chunks are Arrow IPC.
          if (!(chunk instanceof Uint8Array)) throw new Error('facts read: a chunk for the insert is not Arrow IPC');
          yield chunk;
        } else if (this.#finished) return void (await this.done);
        else await new Promise<void>((r) => this.#waiting.push(r));
      }
    } finally {
      // An insert that stopped holds the decode back no longer.
      for (const r of this.#untaken.values()) r();
      this.#untaken.clear();
    }
  }

  /**
   * The page's columns of every row, once decoded: a read for the index gives its chunks (the
   * first ask) or decodes its kept file again; a read for the insert decodes its kept file once
   * its own decode is done. `onChunk` is told of each chunk as it is decoded (those decoded
   * already at once), in order, with the rows of the whole month, before the result resolves with
   * them all. Null when the file is
   * gone to the insert's decode (the index then asks SQL).
   */
  all(onChunk?: (chunk: DecodedChunk, rows: number) => void): Promise<DecodedChunk[]> | null {
    if (this.#forIndex && !this.#givenAway) {
      this.#givenAway = true;
      if (onChunk) {
        this.#chunks.forEach((c) => onChunk(c, this.#rows));
        this.#listener = onChunk;
      }
      return this.done.then(() => {
        const chunks = this.#chunks;
        this.#chunks = [];
        this.#listener = null;
        return chunks;
      });
    }
    if (this.#forIndex) return this.#finished && this.#file ? this.#again(true).all(onChunk) : null;
    return this.done.then(() => {
      if (!this.#file) throw new Error('facts read: the file was not kept for the page index');
      return this.#again(true).all(onChunk)!;
    });
  }
}

/**
 * The reads under way or held, by month: `read` starts one (or returns the one held), `release`
 * lets it go once its chunks are in DuckDB (a later read of the month fetches the file again).
 */
export class FactsReads {
  readonly #reads = new Map<string, FactsRead>();
  readonly #start: (monthKey: string, ...read: Parameters<StartRead>) => ReturnType<StartRead>;

  constructor(start: (monthKey: string, ...read: Parameters<StartRead>) => ReturnType<StartRead>) {
    this.#start = start;
  }

  /** The month's read; `forIndex`: one started now is for the page's index (its columns, the file kept). */
  read(monthKey: string, forIndex = false): FactsRead {
    let read = this.#reads.get(monthKey);
    if (!read) {
      const started = new FactsRead((onChunk, options) => this.#start(monthKey, onChunk, options), { forIndex });
      started.done.then(() => perfMark(`facts-decoded:${monthKey}`)).catch(() => undefined);
      this.#reads.set(monthKey, (read = started));
    }
    return read;
  }

  /** The month's read if one is under way or held, else null. */
  held(monthKey: string): FactsRead | null {
    return this.#reads.get(monthKey) ?? null;
  }

  /**
   * Lets go of the reads of other months than `monthKey` that no insert is taking: a month read
   * for the page and left before the engine came in is not held (it is read again if shown).
   */
  keepOnly(monthKey: string): void {
    for (const [key, read] of this.#reads) if (key !== monthKey && read.idle) this.#reads.delete(key);
  }

  release(monthKey: string, read: FactsRead): void {
    if (this.#reads.get(monthKey) === read) this.#reads.delete(monthKey);
  }
}
