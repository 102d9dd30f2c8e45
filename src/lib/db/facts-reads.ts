/**
 * A month's facts file read once, as soon as it is asked for and without the engine: its decoded
 * Arrow chunks go to the page's index (db/local/index-from-facts.ts, which answers filters before
 * duckdb-wasm has started) and to the insert into DuckDB once the engine is in (month-facts.ts).
 *
 * The decoded month is about 7× its file (443 MB of Arrow from 62 MB of Parquet at 1M projects,
 * npm run bench). A read for the index decodes only the page's columns (PAGE_FACTS_COLUMNS), keeps
 * the file's bytes and gives the decoded chunks to the index, which lets them go once built; the
 * insert decodes the kept bytes again, whole, chunk by chunk. An insert takes the chunks as they
 * are (duckdb-wasm moves each one's buffer to its worker) and the next is decoded once the one
 * before it is taken: at most one waits in the page.
 */
import { perfMark } from '../perf.ts';

/**
 * How a read starts its decode. `forIndex`: the page's columns only, and the file's bytes kept (the
 * result); `from`: the file's bytes kept by an earlier read, decoded instead of fetching the file.
 */
export type StartRead = (
  onChunk: (ipc: Uint8Array) => Promise<void> | void,
  options: { forIndex: boolean; from?: Uint8Array }
) => Promise<Uint8Array | null | void>;

type ReadOptions = Parameters<StartRead>[1];

const EMPTY = new Uint8Array(0);

export class FactsRead {
  #chunks: Uint8Array[] = [];
  /** Resolves once the whole file is decoded; rejects (naming the file) when it cannot be read. */
  readonly done: Promise<void>;
  readonly #start: StartRead;
  #finished = false;
  #waiting: (() => void)[] = [];
  /** The page's index wants the whole month: chunks handed to the insert are copies. */
  #wantedWhole = false;
  /** A chunk went to the insert as it is (duckdb-wasm transfers its buffer, which leaves it empty here). */
  #handedOver = false;
  /** An insert is taking the chunks: the decode waits for each to be taken (by chunk number). */
  #iterating = false;
  readonly #untaken = new Map<number, () => void>();
  /** For the page's index: its columns only, the file kept (`#file`) for the insert's decode. */
  readonly #forIndex: boolean;
  #file: Uint8Array | null = null;
  /** The decoded chunks went to the index: a later consumer decodes the kept file again. */
  #givenAway = false;

  constructor(start: StartRead, options: ReadOptions = { forIndex: false }) {
    this.#start = start;
    this.#forIndex = options.forIndex;
    const wake = () => this.#waiting.splice(0).forEach((w) => w());
    const onChunk = (ipc: Uint8Array): Promise<void> | void => {
      const n = this.#chunks.push(ipc) - 1;
      if (n === 0) perfMark('facts-first-chunk');
      wake();
      // A read for the index is decoded whole whoever waits for it (an insert waits for its file).
      if (!this.#forIndex && this.#iterating && !this.#wantedWhole) return new Promise<void>((r) => this.#untaken.set(n, r));
    };
    this.done = start(onChunk, options).then(
      (file) => {
        if (options.forIndex && !options.from && file instanceof Uint8Array) this.#file = file;
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

  /** The decode waits for no chunk to be taken (the index wants them all, or the insert stopped). */
  #release(): void {
    for (const r of this.#untaken.values()) r();
    this.#untaken.clear();
  }

  /**
   * The chunks in order as they are decoded, for the insert into DuckDB (which transfers each
   * chunk's buffer to its worker); throws the file's failure after the chunks that came. A read
   * for the index is decoded again once whole, all columns, from its kept file (fetched again
   * only if the source could not keep it).
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    if (this.#forIndex) {
      this.#iterating = true;
      await this.done;
      const file = this.#file;
      // The bytes go to the decoding worker: the index asks SQL once the month is in DuckDB.
      this.#file = null;
      return yield* new FactsRead(this.#start, { forIndex: false, ...(file ? { from: file } : {}) });
    }
    this.#iterating = true;
    const chunks = this.#chunks;
    try {
      for (let i = 0; ;) {
        if (i < chunks.length) {
          const chunk = chunks[i];
          this.#untaken.get(i)?.();
          this.#untaken.delete(i++);
          if (this.#wantedWhole) yield chunk.slice();
          else {
            this.#handedOver = true;
            chunks[i - 1] = EMPTY;
            yield chunk;
          }
        } else if (this.#finished) return void (await this.done);
        else await new Promise<void>((r) => this.#waiting.push(r));
      }
    } finally {
      this.#iterating = false;
      this.#release();
    }
  }

  /**
   * Every chunk, once the file is whole; null when some went to DuckDB already, or the kept file
   * did (the index then asks SQL). A read for the index gives its chunks away: a second ask
   * decodes the kept file again.
   */
  all(): Promise<Uint8Array[]> | null {
    if (this.#handedOver) return null;
    if (this.#forIndex) {
      if (!this.#givenAway) {
        this.#givenAway = true;
        return this.done.then(() => {
          const chunks = this.#chunks;
          this.#chunks = [];
          return chunks;
        });
      }
      return this.#file ? new FactsRead(this.#start, { forIndex: true, from: this.#file.slice() }).all() : null;
    }
    this.#wantedWhole = true;
    this.#release();
    return this.done.then(() => this.#chunks);
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
