/**
 * The engine (duckdb-wasm: 34 MB, 6–7 MB compressed, 1.5–2.5 s to compile on two cores), started
 * the first time something needs it: a query the page cannot answer, a table a view reads, a
 * project card's rows (issues 21 and 23). A page whose views are all answered in the page (the
 * embed) never downloads it.
 *
 * It is awaited like a promise of the database, and awaiting it is what starts it: the loaders,
 * the connector and the console take it where they took the promise before, and start it only
 * when they run. `started` tells when it is in without starting it.
 */
import type { AsyncDuckDB } from './duckdb.ts';
import { perfMark } from '../perf.ts';

export class EngineOnDemand implements PromiseLike<AsyncDuckDB> {
  /** Resolves once the engine has started (rejects if it could not); never starts it. */
  readonly started: Promise<AsyncDuckDB>;
  #start: () => Promise<AsyncDuckDB>;
  #starting: Promise<AsyncDuckDB> | null = null;
  #settle!: { resolve: (db: AsyncDuckDB) => void; reject: (err: unknown) => void };

  constructor(start: () => Promise<AsyncDuckDB>) {
    this.#start = start;
    this.started = new Promise<AsyncDuckDB>((resolve, reject) => (this.#settle = { resolve, reject }));
    this.started.catch(() => undefined);
  }

  /** An engine already there (or on its way): started from the outset (Node, tests). */
  static of(db: AsyncDuckDB | PromiseLike<AsyncDuckDB>): EngineOnDemand {
    if (db instanceof EngineOnDemand) return db;
    const engine = new EngineOnDemand(() => Promise.resolve(db));
    engine.demand().catch(() => undefined);
    return engine;
  }

  /** Whether something has asked for the engine (it may still be starting). */
  get demanded(): boolean {
    return this.#starting !== null;
  }

  /** Starts the engine, once; every caller gets the same start. */
  demand(): Promise<AsyncDuckDB> {
    if (!this.#starting) {
      perfMark('engine-demanded');
      this.#starting = this.#start();
      this.#starting.then(this.#settle.resolve, this.#settle.reject);
    }
    return this.#starting;
  }

  then<A = AsyncDuckDB, B = never>(
    onfulfilled?: ((db: AsyncDuckDB) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null
  ): Promise<A | B> {
    return this.demand().then(onfulfilled, onrejected);
  }
}
