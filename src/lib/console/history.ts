/**
 * The console's history (the last runs) and saved queries, kept in the browser (localStorage) per
 * dataset: a query written for one dataset's columns and months rarely fits another. Storage
 * that is full, disabled or holds something unreadable never breaks the console: it then keeps
 * nothing, or starts again.
 */

export interface HistoryEntry {
  sql: string;
  /** When it ran, ISO 8601. */
  at: string;
  status: 'done' | 'error' | 'cancelled';
  /** Rows in the result (received, when cancelled); null after an error. */
  rows: number | null;
}

export interface SavedQuery {
  name: string;
  sql: string;
  /** When it was saved, ISO 8601. */
  at: string;
}

/** Runs kept, newest first. */
export const HISTORY_MAX = 50;
/** Longer texts are not kept (a pasted dump would fill the storage). */
export const STORED_SQL_MAX = 20_000;

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const PREFIX = 'command-map.console';

export class QueryStore {
  readonly #storage: KeyValueStorage | null;
  readonly #key: (what: string) => string;

  constructor(storage: KeyValueStorage | null, datasetId: string) {
    this.#storage = storage;
    this.#key = (what) => `${PREFIX}.${datasetId}.${what}`;
  }

  #read<T>(what: string, valid: (item: unknown) => item is T): T[] {
    try {
      const parsed: unknown = JSON.parse(this.#storage?.getItem(this.#key(what)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(valid) : [];
    } catch {
      return [];
    }
  }

  #write(what: string, value: unknown): void {
    try {
      this.#storage?.setItem(this.#key(what), JSON.stringify(value));
    } catch {
      // Full or disabled storage: the console goes on without keeping this.
    }
  }

  /** The last runs, newest first. */
  history(): HistoryEntry[] {
    return this.#read('history', isHistoryEntry);
  }

  /** Records a run; running a query again moves it to the top instead of repeating it. */
  record(entry: HistoryEntry): void {
    if (entry.sql.length > STORED_SQL_MAX || !entry.sql.trim()) return;
    const rest = this.history().filter((e) => e.sql !== entry.sql);
    this.#write('history', [entry, ...rest].slice(0, HISTORY_MAX));
  }

  clearHistory(): void {
    this.#write('history', []);
  }

  /** Saved queries by name, in the order saved. */
  saved(): SavedQuery[] {
    return this.#read('saved', isSavedQuery);
  }

  /** Saves a query under a name; a query saved under that name before is replaced. */
  save(name: string, sql: string, at = new Date().toISOString()): boolean {
    const trimmed = name.trim();
    if (!trimmed || !sql.trim() || sql.length > STORED_SQL_MAX) return false;
    const saved = this.saved();
    const i = saved.findIndex((q) => q.name === trimmed);
    const query = { name: trimmed, sql, at };
    if (i >= 0) saved[i] = query;
    else saved.push(query);
    this.#write('saved', saved);
    return true;
  }

  remove(name: string): void {
    this.#write(
      'saved',
      this.saved().filter((q) => q.name !== name)
    );
  }

  /** The editor's text when the console was last left (a link without a query opens with it). */
  draft(): string | null {
    try {
      return this.#storage?.getItem(this.#key('draft')) ?? null;
    } catch {
      return null;
    }
  }

  setDraft(sql: string): void {
    try {
      if (sql.length <= STORED_SQL_MAX) this.#storage?.setItem(this.#key('draft'), sql);
    } catch {
      // As #write.
    }
  }
}

function isHistoryEntry(x: unknown): x is HistoryEntry {
  const e = x as HistoryEntry;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.sql === 'string' &&
    typeof e.at === 'string' &&
    ['done', 'error', 'cancelled'].includes(e.status) &&
    (e.rows === null || typeof e.rows === 'number')
  );
}

function isSavedQuery(x: unknown): x is SavedQuery {
  const q = x as SavedQuery;
  return typeof q === 'object' && q !== null && typeof q.name === 'string' && typeof q.sql === 'string' && typeof q.at === 'string';
}
