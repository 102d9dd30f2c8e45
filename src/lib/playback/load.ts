/**
 * Reads a dataset's playback once (format.ts): points.arrow for the points, playback.parquet
 * decoded in the Parquet worker (db/parquet.ts) in chunks straight into typed arrays, and the
 * summary. A file that is not as meta.json says stops the load with its name.
 */
import { tableFromIPC } from '@uwdata/flechette';
import type { DataSource } from '../db/data-source.ts';
import { asciiStrings, type Utf8Batch } from '../db/local/utf8-batches.ts';
import { DataLoadError } from '../db/errors.ts';
import { loadFirstPaint } from '../db/first-paint.ts';
import type { DatasetMeta } from '../schema.ts';
import { EVENTS_CONFIG_FILE, parseEventsConfig, type EventsConfig } from './events.ts';
import { STATE_DECODED, SUMMARY_COLUMNS } from './format.ts';
import type { PlaybackData } from './frame.ts';
import { summaryFromColumns, type PlaybackSummary } from './summary.ts';

export interface LoadedPlayback {
  data: PlaybackData;
  summary: PlaybackSummary;
  /** The site's event calendars (config/playback-events.json), null when the site has none. */
  calendars: EventsConfig | null;
}

/** Rows of the state file per chunk handed over by the worker (whole row groups). */
const CHUNK_ROWS = 1 << 20;

const wrong = (file: string, detail: string) => new DataLoadError({ key: 'error.generic', params: { detail: `${file}: ${detail}` } }, file);

export async function loadPlayback(source: DataSource, file: (name: string) => string, meta: DatasetMeta): Promise<LoadedPlayback> {
  const pb = meta.playback;
  const months = meta.facts_months ?? [];
  if (!pb || !meta.first_paint) throw wrong(file('meta.json'), 'no playback files');
  if (pb.months !== months.length) throw wrong(file('meta.json'), `playback.months ${pb.months}, facts_months ${months.length}`);
  const [points, state, summary, calendars] = await Promise.all([
    loadFirstPaint(source, file(meta.first_paint)),
    loadState(source, file(pb.state), pb.points * pb.months),
    loadSummary(source, file(pb.summary), months),
    loadCalendars(source)
  ]);
  if (points.length !== pb.points) throw wrong(file(meta.first_paint), `${points.length} points, playback.points ${pb.points}`);
  return {
    data: {
      length: points.length,
      months,
      lonlat: points.lonlat,
      phase: points.phase,
      sqrtTotal: points.sqrtTotal,
      sqrtAnnual: points.sqrtAnnual,
      rowKey: points.rowKey ?? null,
      ...state
    },
    summary,
    calendars
  };
}

/** The playback summary alone (the drill-down pages' month series): small, read without the points' states. */
export function loadPlaybackSummary(source: DataSource, file: (name: string) => string, meta: DatasetMeta): Promise<PlaybackSummary> {
  const pb = meta.playback;
  if (!pb) throw wrong(file('meta.json'), 'no playback files');
  return loadSummary(source, file(pb.summary), meta.facts_months ?? []);
}

/** The site's calendars, checked; none when the site serves no such file, a load error naming the key when one is wrong. */
async function loadCalendars(source: DataSource): Promise<EventsConfig | null> {
  let config: unknown;
  try {
    config = await source.json<unknown>(EVENTS_CONFIG_FILE);
  } catch (err) {
    if (err instanceof DataLoadError && err.userMessage.key === 'error.fileMissing' && err.userMessage.params?.status === 404) return null;
    throw err;
  }
  try {
    return parseEventsConfig(config);
  } catch (err) {
    throw wrong(EVENTS_CONFIG_FILE, err instanceof Error ? err.message : String(err));
  }
}

async function loadState(source: DataSource, name: string, rows: number) {
  const stage = new Uint8Array(rows);
  const rag = new Uint8Array(rows);
  const completed = new Int32Array(rows);
  let at = 0;
  const take = <T extends Uint8Array | Int32Array>(
    table: ReturnType<typeof tableFromIPC>,
    column: string,
    Kind: { new (n: number): T }
  ): T => {
    const values = table.getChild(column)?.toArray();
    if (!(values instanceof Kind)) throw wrong(name, `column ${column}: ${Kind.name.replace('Array', '')} expected`);
    return values as T;
  };
  await source.parquet(name, {
    required: [{ name: 'stage' }, { name: 'rag' }, { name: 'completed', type: 'INTEGER' }],
    columns: [...STATE_DECODED],
    chunkRows: CHUNK_ROWS,
    onChunk: (ipc) => {
      const table = tableFromIPC(ipc);
      if (at + table.numRows > rows) throw wrong(name, `more than ${rows} rows`);
      stage.set(take(table, 'stage', Uint8Array), at);
      rag.set(take(table, 'rag', Uint8Array), at);
      completed.set(take(table, 'completed', Int32Array), at);
      at += table.numRows;
    }
  });
  if (at !== rows) throw wrong(name, `${at} rows, ${rows} expected`);
  return { stage, rag, completed };
}

async function loadSummary(source: DataSource, name: string, months: readonly string[]): Promise<PlaybackSummary> {
  const ipc = await source.parquet(name, { required: SUMMARY_COLUMNS.map((c) => ({ name: c })) });
  const table = tableFromIPC(ipc!);
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const c of SUMMARY_COLUMNS) {
    const col = table.getChild(c);
    if (!col) throw wrong(name, `no column ${c}`);
    columns[c] =
      asciiStrings((col as { data?: readonly Utf8Batch[] }).data) ??
      (col.nullCount > 0 ? Array.from({ length: col.length }, (_, i) => col.at(i)) : (col.toArray() as ArrayLike<unknown>));
  }
  try {
    return summaryFromColumns(columns, months, name);
  } catch (err) {
    throw wrong(name, err instanceof Error ? err.message : String(err));
  }
}
