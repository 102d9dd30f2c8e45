/**
 * A month's facts file read once, as soon as it is asked for and without the engine: its decoded
 * Arrow chunks are kept as they come, for the page's index (db/local/index-from-facts.ts, which
 * answers filters before duckdb-wasm has started) and for the insert into DuckDB once the engine
 * is in (month-facts.ts), after which they are let go.
 */
import { perfMark } from '../perf.ts';

export class FactsRead {
  readonly chunks: Uint8Array[] = [];
  /** Resolves once the whole file is decoded; rejects (naming the file) when it cannot be read. */
  readonly done: Promise<void>;
  #finished = false;
  #waiting: (() => void)[] = [];
  /** The page's index wants the whole month: chunks handed to the insert are copies. */
  #wantedWhole = false;
  /** A chunk went to the insert as it is (duckdb-wasm transfers its buffer, which leaves it empty here). */
  #handedOver = false;

  constructor(read: (onChunk: (ipc: Uint8Array) => void) => Promise<unknown>) {
    const wake = () => this.#waiting.splice(0).forEach((w) => w());
    this.done = read((ipc) => {
      this.chunks.push(ipc);
      wake();
    }).then(
      () => {
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

  /**
   * The chunks in order as they are decoded, for the insert into DuckDB (which transfers each
   * chunk's buffer to its worker); throws the file's failure after the chunks that came.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
    for (let i = 0; ;) {
      if (i < this.chunks.length) {
        const chunk = this.chunks[i++];
        if (this.#wantedWhole) yield chunk.slice();
        else {
          this.#handedOver = true;
          yield chunk;
        }
      } else if (this.#finished) return void (await this.done);
      else await new Promise<void>((r) => this.#waiting.push(r));
    }
  }

  /** Every chunk, once the file is whole; null when some went to DuckDB already (the index then asks SQL). */
  all(): Promise<Uint8Array[]> | null {
    if (this.#handedOver) return null;
    this.#wantedWhole = true;
    return this.done.then(() => this.chunks);
  }
}

/**
 * The reads under way or held, by month: `read` starts one (or returns the one held), `release`
 * lets it go once its chunks are in DuckDB (a later read of the month fetches the file again).
 */
export class FactsReads {
  readonly #reads = new Map<string, FactsRead>();
  readonly #start: (monthKey: string, onChunk: (ipc: Uint8Array) => void) => Promise<unknown>;

  constructor(start: (monthKey: string, onChunk: (ipc: Uint8Array) => void) => Promise<unknown>) {
    this.#start = start;
  }

  read(monthKey: string): FactsRead {
    let read = this.#reads.get(monthKey);
    if (!read) {
      const started = new FactsRead((onChunk) => this.#start(monthKey, onChunk));
      started.done.then(() => perfMark(`facts-decoded:${monthKey}`)).catch(() => undefined);
      this.#reads.set(monthKey, (read = started));
    }
    return read;
  }

  /** The month's read if one is under way or held, else null. */
  held(monthKey: string): FactsRead | null {
    return this.#reads.get(monthKey) ?? null;
  }

  release(monthKey: string, read: FactsRead): void {
    if (this.#reads.get(monthKey) === read) this.#reads.delete(monthKey);
  }
}
