/**
 * Opens one dataset directory: meta.json and districts.geojson at once, the first paint's points,
 * and what the views load later as they need it: each month's facts file (month-facts.ts) and a
 * project's rows of the source files (row-lookup.ts). The projects, the monthly reports and the
 * problems are never loaded whole (npm run bench: at 1M projects they were 12M rows that the
 * browser only used to build the month's facts).
 *
 * Start-up order (npm run bench, change 23): the first paint's file is read before the engine
 * starts and before the page is laid out. Compiling duckdb-wasm (34 MB) on two cores, or mounting
 * the page, held the 21 KB points.arrow back by up to a second.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { DatasetIndexEntry, DatasetMeta, DistrictProperties } from '../schema.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import { EngineOnDemand } from './engine-on-demand.ts';
import { DataLoadError, describeError } from './errors.ts';
import { datasetFile, type DataSource } from './data-source.ts';
import { loadPlayback as readPlayback, loadPlaybackSummary as readPlaybackSummary, type LoadedPlayback } from '../playback/load.ts';
import type { PlaybackSummary } from '../playback/summary.ts';
import { loadFirstPaint } from './first-paint.ts';
import { factsReads, monthFactsLoader, sourceTableLoader, type FactsLoader } from './month-facts.ts';
import { parseMonth } from '../metrics/month.ts';
import type { TableLoader } from './core-tables.ts';
import type { PageTableLoader } from './local/page-bases.ts';
import { TABLES } from '../schema.ts';
import { problemsInPage, PROBLEMS_IN_PAGE_COLUMNS } from '../queries/open-problems-in-page.ts';
import { rowLookup, type RowLookup } from './row-lookup.ts';
import { presetOrError, presetOverride } from './dataset-preset.ts';
import type { PreviewColumns } from './preview-points.ts';
import type { DecodedChunk } from './parquet-decode.ts';
import type { LocalHost } from './local/local-answers.ts';
import { translate, type Message } from '../i18n/translate.ts';
import { perfMark } from '../perf.ts';

export type DistrictCollection = FeatureCollection<Geometry, DistrictProperties>;

export interface LoadedDataset {
  meta: DatasetMeta;
  districts: DistrictCollection;
  /** Loads a month's facts file into a table (the query core asks for each month it shows). */
  loadFacts: FactsLoader;
  /**
   * The month's decoded facts chunks, from the one read of its file that `loadFacts` inserts from
   * (facts-reads.ts): the page's index is built from them before the engine is in. Null when
   * no read of the month is held (its chunks are in DuckDB already: the index asks SQL).
   */
  factsChunks?: LocalHost['factsChunks'];
  /** Loads a source table whole (the query core, for a client that reads it). */
  loadTable: TableLoader;
  /** Decodes a source table in the page (the problem ledger, for a district's open problems without the engine); absent for a public dataset. */
  pageTable?: PageTableLoader;
  /** One project's rows of projects, monthly or problems (the project card). */
  lookup: RowLookup;
  /** The timeline playback's files, read once on the first call (playback/load.ts); absent without them. */
  loadPlayback?: () => Promise<LoadedPlayback>;
  /** The playback summary alone (per month × district × sector inputs), read once; absent without it. */
  loadPlaybackSummary?: () => Promise<PlaybackSummary>;
}

export type Progress = (message: Message) => void;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A load failure as the console shows it: the user's message in English (it names the file). */
const inEnglish = (err: unknown) =>
  err instanceof DataLoadError ? translate('en', err.userMessage.key, err.userMessage.params) : describeError(err);

export async function loadDatasetIndex(source: DataSource): Promise<DatasetIndexEntry[]> {
  const file = 'data/index.json';
  const index = await source.json<DatasetIndexEntry[]>(file);
  if (!Array.isArray(index) || index.length === 0) {
    throw new DataLoadError({ key: 'error.noDatasets', params: { file } }, file, '[{ id, name, year, projects }]');
  }
  return index;
}

function checkDistricts(districts: DistrictCollection, file: string): void {
  const bad = districts?.features?.findIndex(
    (f) => typeof f?.properties?.code !== 'string' || typeof f.properties.name !== 'string' || !Array.isArray(f.properties.label)
  );
  if (!districts || districts.type !== 'FeatureCollection' || bad === undefined || bad >= 0) {
    throw new DataLoadError(
      { key: 'error.badJson', params: { file, detail: bad !== undefined && bad >= 0 ? `feature ${bad + 1}` : 'FeatureCollection' } },
      file,
      'FeatureCollection with properties code, name, label'
    );
  }
}

export interface LoadOptions {
  /**
   * Read this month's facts (the URL's month, else the as-of month) as soon as the first paint is
   * in, and start the engine, when something asks for it, only once they are decoded: the page
   * answers from them meanwhile (issue 23). Without it the engine can start a task after the first paint.
   */
  factsFirst?: { month: string | null };
}

export interface DatasetLoad {
  /** Known once meta.json, the districts and the first paint are in: the page can be laid out. */
  dataset: LoadedDataset;
  /**
   * The engine, started when something first needs it (engine-on-demand.ts), and never before the
   * first paint was read or left out (and the month's facts decoded, with `factsFirst`).
   */
  engine: EngineOnDemand;
  /** Settles once the month's facts asked for first (`factsFirst`) are decoded, or could not be (the first paint without it). */
  factsRead: Promise<void>;
}

/**
 * Fetches meta.json and the districts; the first failure names its file. `onPreview` gets the
 * first paint's points (points.arrow) as soon as they are read, without WebAssembly; `startEngine`
 * is called only once something needs the engine (duckdb-wasm takes 1.5–2.5 s to instantiate
 * here), and only the facts tables, source tables and row lookups wait for it. Returns once the metadata, the districts and the first paint are in
 * (a first paint that cannot be read is left out, with a console warning).
 */
export async function loadDataset(
  startEngine: () => Promise<AsyncDuckDB>,
  source: DataSource,
  id: string,
  progress: Progress,
  onPreview?: (preview: PreviewColumns) => void,
  options: LoadOptions = {}
): Promise<DatasetLoad> {
  const file = (name: string) => datasetFile(id, name);
  const metaFile = file('meta.json');
  const districtsFile = file('districts.geojson');
  progress({ key: 'loading.file', params: { file: 'meta.json' } });
  const districtsLoading = source.json<DistrictCollection>(districtsFile);
  districtsLoading.catch(() => undefined);
  const metaLoading = source.json<DatasetMeta>(metaFile);
  // The site config may replace the dataset's rule preset (dataset-preset.ts): read alongside.
  const overrideLoading = presetOverride(source, id);
  overrideLoading.catch(() => undefined);
  const meta = await metaLoading;
  if (!Array.isArray(meta.facts_months) || meta.facts_months.length === 0) {
    throw new DataLoadError({ key: 'error.noFacts', params: { file: metaFile } }, metaFile, 'facts_months: ["YYYY-MM", …]');
  }
  if (meta.first_paint !== undefined && !/^[\w-]+\.arrow$/.test(meta.first_paint)) {
    const detail = `${metaFile}: first_paint "${meta.first_paint}" is not a file name ending in .arrow`;
    throw new DataLoadError({ key: 'error.generic', params: { detail } }, metaFile, 'first_paint: points.arrow');
  }
  const override = await overrideLoading;
  meta.rule_preset = override ?? presetOrError(meta.rule_preset, metaFile, 'rule_preset');
  const reads = factsReads(source, file, meta.facts_months);
  // The month's facts right after the first paint's file (fetched alongside 150 MB of Parquet at
  // 1M projects it took 3 s to arrive instead of a fraction of one, change 18), and the engine once
  // they are decoded, so that its 34 MB compile does not take the two cores from the decode and the
  // page's index, which make the page interactive (issue 23).
  const months = meta.facts_months;
  const firstMonth = options.factsFirst
    ? ([options.factsFirst.month, parseMonth(meta.as_of)?.key].find((m) => !!m && months.includes(m)) ?? null)
    : null;
  let factsReading: Promise<unknown> | null = null;
  const readFactsFirst = () => {
    if (firstMonth) factsReading ??= reads.read(firstMonth, true).done.catch(() => undefined);
  };
  // The first paint from its own small file (no WebAssembly to wait for). It only draws the
  // points early: a broken one is left out with a warning, and the map waits for the month's facts.
  let firstPaint: Promise<void> = Promise.resolve();
  if (onPreview && meta.first_paint) {
    const paintFile = file(meta.first_paint);
    firstPaint = loadFirstPaint(source, paintFile).then(
      (columns) => {
        perfMark('first-paint-read');
        // Asked of the decoding worker before the page takes the first paint: drawing it holds the
        // main thread for 0.2–0.7 s (the map's set-up in software rendering), and the read asked
        // after it waited for that (1k projects: the facts' fetch started 0.3 s after the wasm was in).
        readFactsFirst();
        onPreview(columns);
      },
      (err: unknown) => console.warn(`First paint left out, the map waits for the month's facts: ${inEnglish(err)}`)
    );
  }
  const factsFirst: Promise<unknown> = firstPaint.then(() => {
    readFactsFirst();
    return factsReading;
  });
  // A task later: the page is laid out in the microtasks after this returns, before the engine's
  // compile competes with it for the cores.
  const engine = new EngineOnDemand(() => factsFirst.then(nextTask).then(startEngine));
  const districts = await districtsLoading;
  checkDistricts(districts, districtsFile);
  await firstPaint;
  let engineIn = false;
  engine.started.then(() => (engineIn = true)).catch(() => undefined);
  const loadFacts: FactsLoader = monthFactsLoader(engine, reads, () => engineIn);
  // A read held (for the index, or the insert's: its kept file decoded again) or, before the engine
  // has started, a new one: after it, a month not held is in DuckDB already and indexed by SQL.
  // Another month's read that no insert takes is let go (a month left before the engine came).
  const factsChunks = (monthKey: string, onChunk?: (chunk: DecodedChunk, rows: number) => void) => {
    reads.keepOnly(monthKey);
    return (reads.held(monthKey) ?? (engineIn ? null : reads.read(monthKey, true)))?.all(onChunk) ?? null;
  };
  const loadTable = sourceTableLoader(engine, source, file, meta.public === true);
  const pageTable: PageTableLoader = async () => {
    const wanted = new Set<string>(PROBLEMS_IN_PAGE_COLUMNS);
    const required = TABLES.problems.columns.filter((c) => wanted.has(c.name)).map(({ name, type }) => ({ name, type }));
    const ipc = await source.parquet(file(TABLES.problems.file), { required, columns: required.map((c) => c.name) });
    perfMark('page-table-read:problems');
    return problemsInPage(ipc!);
  };
  let playback: Promise<LoadedPlayback> | null = null;
  const loadPlayback = meta.playback
    ? () =>
        (playback ??= readPlayback(source, file, meta).catch((err: unknown) => {
          playback = null;
          throw err;
        }))
    : undefined;
  let summary: Promise<PlaybackSummary> | null = null;
  const loadPlaybackSummary = meta.playback
    ? () =>
        (summary ??= (playback ? playback.then((p) => p.summary) : readPlaybackSummary(source, file, meta)).catch((err: unknown) => {
          summary = null;
          throw err;
        }))
    : undefined;
  return {
    dataset: {
      meta,
      districts,
      loadFacts,
      factsChunks,
      loadTable,
      pageTable: meta.public ? undefined : pageTable,
      lookup: rowLookup(engine, source, file, meta),
      loadPlayback,
      loadPlaybackSummary
    },
    engine,
    factsRead: factsFirst.then(() => undefined)
  };
}
