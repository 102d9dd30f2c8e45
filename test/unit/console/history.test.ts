import { describe, expect, it } from 'vitest';
import { HISTORY_MAX, QueryStore, STORED_SQL_MAX, type HistoryEntry, type KeyValueStorage } from '../../../src/lib/console/history.ts';
import { readConsoleParams, URL_SQL_MAX, writeConsoleParams } from '../../../src/lib/console/url.ts';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}
const entry = (sql: string, at = '2026-12-05T10:00:00.000Z'): HistoryEntry => ({ sql, at, status: 'done', rows: 1 });

describe('the console history', () => {
  it('keeps runs newest first, a query run again moved to the top', () => {
    const store = new QueryStore(memoryStorage(), 'liuzhou-2022');
    store.record(entry('SELECT 1'));
    store.record(entry('SELECT 2'));
    store.record(entry('SELECT 1', '2026-12-05T11:00:00.000Z'));
    expect(store.history().map((e) => e.sql)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(store.history()[0].at).toBe('2026-12-05T11:00:00.000Z');
  });

  it(`keeps the last ${HISTORY_MAX} runs only, and no text too long to keep`, () => {
    const store = new QueryStore(memoryStorage(), 'd');
    for (let i = 0; i < HISTORY_MAX + 5; i++) store.record(entry(`SELECT ${i}`));
    expect(store.history()).toHaveLength(HISTORY_MAX);
    expect(store.history()[0].sql).toBe(`SELECT ${HISTORY_MAX + 4}`);
    store.record(entry(`SELECT '${'x'.repeat(STORED_SQL_MAX)}'`));
    expect(store.history()[0].sql).toBe(`SELECT ${HISTORY_MAX + 4}`);
  });

  it('is kept per dataset and survives a new store on the same storage (a reload)', () => {
    const storage = memoryStorage();
    new QueryStore(storage, 'liuzhou-2022').record(entry('SELECT 1'));
    expect(new QueryStore(storage, 'liuzhou-2022').history()).toHaveLength(1);
    expect(new QueryStore(storage, 'county-2023').history()).toHaveLength(0);
    new QueryStore(storage, 'liuzhou-2022').clearHistory();
    expect(new QueryStore(storage, 'liuzhou-2022').history()).toHaveLength(0);
  });

  it('saves queries by name, the same name replacing the older one', () => {
    const store = new QueryStore(memoryStorage(), 'd');
    expect(store.save('各区', 'SELECT 1', 't1')).toBe(true);
    expect(store.save('top', 'SELECT 2', 't2')).toBe(true);
    expect(store.save('各区', 'SELECT 3', 't3')).toBe(true);
    expect(store.save('  ', 'SELECT 4')).toBe(false);
    expect(store.saved()).toEqual([
      { name: '各区', sql: 'SELECT 3', at: 't3' },
      { name: 'top', sql: 'SELECT 2', at: 't2' }
    ]);
    store.remove('top');
    expect(store.saved().map((q) => q.name)).toEqual(['各区']);
  });

  it('starts again from storage it cannot read, and goes on when storage refuses writes', () => {
    const storage = memoryStorage();
    storage.data.set('command-map.console.d.history', '{not json');
    storage.data.set('command-map.console.d.saved', JSON.stringify([{ name: 'ok', sql: 'SELECT 1', at: 't' }, { name: 3 }, null]));
    const store = new QueryStore(storage, 'd');
    expect(store.history()).toEqual([]);
    expect(store.saved()).toEqual([{ name: 'ok', sql: 'SELECT 1', at: 't' }]);
    const full = new QueryStore(
      {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError');
        }
      },
      'd'
    );
    expect(() => full.record(entry('SELECT 1'))).not.toThrow();
    expect(() => full.setDraft('SELECT 1')).not.toThrow();
    expect(new QueryStore(null, 'd').history()).toEqual([]);
  });

  it('keeps the editor text as a draft', () => {
    const store = new QueryStore(memoryStorage(), 'd');
    expect(store.draft()).toBeNull();
    store.setDraft('SELECT 名称');
    expect(store.draft()).toBe('SELECT 名称');
  });
});

describe('the console URL', () => {
  it('holds the query text, whether its results are shown, and the library tab', () => {
    const { params, fits } = writeConsoleParams({ sql: 'SELECT * FROM selection -- 各区', run: true, tab: 'examples' });
    expect(fits).toBe(true);
    expect(params.has('lib')).toBe(false);
    expect(readConsoleParams(new URLSearchParams(params.toString()))).toEqual({
      sql: 'SELECT * FROM selection -- 各区',
      run: true,
      tab: 'examples'
    });
    const history = writeConsoleParams({ sql: 'SELECT 1', run: false, tab: 'history' }).params.toString();
    expect(readConsoleParams(new URLSearchParams(history))).toEqual({ sql: 'SELECT 1', run: false, tab: 'history' });
    expect(readConsoleParams(new URLSearchParams('run=1&lib=nonsense'))).toEqual({ sql: null, run: false, tab: 'examples' });
  });

  it(`leaves out a text longer than ${URL_SQL_MAX} encoded characters`, () => {
    const long = `SELECT '${'项'.repeat(URL_SQL_MAX / 9 + 1)}'`;
    expect(writeConsoleParams({ sql: long, run: true, tab: 'examples' })).toMatchObject({ fits: false });
    expect(writeConsoleParams({ sql: long, run: true, tab: 'saved' }).params.toString()).toBe('lib=saved');
  });
});
