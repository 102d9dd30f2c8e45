/**
 * The month shown, in the database: its facts table is loaded once the query core uses the
 * database (from the outset without an engine to wait for, else from its first database request,
 * which starts the engine: issue 21), and again for every month shown after; work behind the page
 * can wait until it is in.
 */
import type { Month } from '../metrics/month.ts';
import { perfMark } from '../perf.ts';
import type { CoreTables } from './core-tables.ts';

export class MonthInDatabase {
  readonly #tables: CoreTables;
  #used: boolean;
  /** The month going into the database (or in), and when it is in. */
  #going: { month: string; loaded: Promise<void> } | null = null;

  constructor(tables: CoreTables, usedFromOutset: boolean) {
    this.#tables = tables;
    this.#used = usedFromOutset;
  }

  /** A month is shown: its table is queued (exec requests go first) if the database is in use. */
  shown(month: Month, pinned: () => string[]): void {
    if (this.#used) this.#load(month, pinned());
  }

  /**
   * A request is about to go to the database: the month's table is queued ahead of it the first
   * time. Until then the page answered every view and the engine was not downloaded.
   */
  needed(month: Month, pinned: () => string[]): void {
    if (this.#used) return;
    this.#used = true;
    this.#load(month, pinned());
  }

  /** Resolves once `month` is in the database (or could not be put there); null while it is not going there. */
  whenIn(month: string): Promise<void> | null {
    return this.#going?.month === month ? this.#going.loaded : null;
  }

  #load(month: Month, pinned: string[]): void {
    const loading = this.#tables.ensureMonth(month, pinned);
    // No load: the month's table is there, or already on its way (then this does not wait for it).
    this.#going = {
      month: month.key,
      loaded: loading
        ? loading.then(
            () => perfMark('facts-ready'),
            () => undefined
          )
        : Promise.resolve()
    };
  }
}
