/**
 * Whether the server still answers and whether its data changed, for a screen that stays open for
 * days: each check reads data/index.json and the dataset's meta.json past the browser's cache; a
 * failed check makes the data shown stale (since the last good answer) and the next check comes
 * sooner, backing off to a ceiling; a changed as-of month or month list is new data, loaded by the
 * war room at the end of its cycle.
 */
import type { DataSource } from '../db/data-source.ts';
import type { DatasetIndexEntry, DatasetMeta } from '../schema.ts';

export interface WatchState {
  /** The last check the server answered, ms; null before any. */
  lastOk: number | null;
  /** Checks failed in a row. */
  failures: number;
  /** The data's signature as the server last gave it; null before any answer. */
  latest: string | null;
}

export const initialWatch = (now: number): WatchState => ({ lastOk: now, failures: 0, latest: null });

/** What identifies a version of a dataset's data: its index entry, as-of date and months. */
export function dataSignature(entry: DatasetIndexEntry | undefined, meta: Pick<DatasetMeta, 'as_of' | 'facts_months'>): string {
  return JSON.stringify([entry ?? null, meta.as_of, meta.facts_months ?? []]);
}

export function afterCheck(s: WatchState, result: { ok: true; signature: string } | { ok: false }, now: number): WatchState {
  return result.ok ? { lastOk: now, failures: 0, latest: result.signature } : { ...s, failures: s.failures + 1 };
}

/** The wait before the next check: the regular interval, or while failing 2 s, 4 s, 8 s … up to `maxMs`. */
export function nextCheckDelay(s: WatchState, checkMs: number, maxMs: number): number {
  if (s.failures === 0) return checkMs;
  return Math.min(maxMs, 1000 * 2 ** Math.min(s.failures, 20));
}

/** The data shown may be out of date: the server did not answer the last check. */
export const isStale = (s: WatchState): boolean => s.failures > 0;

/** Reads the server's signature of a dataset; throws when the server does not answer or the files do not read. */
export async function fetchSignature(fetchJson: (file: string) => Promise<unknown>, datasetId: string): Promise<string> {
  const [index, meta] = await Promise.all([
    fetchJson('data/index.json') as Promise<DatasetIndexEntry[]>,
    fetchJson(`data/${encodeURIComponent(datasetId)}/meta.json`) as Promise<DatasetMeta>
  ]);
  if (!Array.isArray(index) || !meta || typeof meta.as_of !== 'string') throw new Error('unreadable index.json or meta.json');
  return dataSignature(
    index.find((d) => d.id === datasetId),
    meta
  );
}

/**
 * A JSON file of the site read through the session's data source (it decrypts a protected
 * build's files), past the browser's cache: a cached copy would hide both new data and a server
 * that no longer answers.
 */
export function siteJson(source: () => DataSource | null): (file: string) => Promise<unknown> {
  return (file) => {
    const s = source();
    if (!s) return Promise.reject(new Error('no data source yet'));
    return (s.revalidating?.() ?? s).json(file);
  };
}
