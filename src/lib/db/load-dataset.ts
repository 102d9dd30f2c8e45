/**
 * Loads one dataset directory (meta.json, districts.geojson, Parquet tables) into duckdb-wasm.
 */
import { tableFromArrays } from 'apache-arrow';
import type { FeatureCollection, Geometry } from 'geojson';
import { columnsOf, TABLES, type DatasetIndexEntry, type DatasetMeta, type DistrictProperties, type TableName } from '../schema.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import { connectData } from './data-database.ts';
import { DataLoadError } from './errors.ts';
import { fetchJson } from './fetch-file.ts';
import { parquetToIpc } from './parquet.ts';
import { loadFirstPaint } from './first-paint.ts';
import type { PreviewColumns } from './preview-points.ts';
import type { Message } from '../i18n/translate.ts';
import { perfMark } from '../perf.ts';

export type DistrictCollection = FeatureCollection<Geometry, DistrictProperties>;

export interface LoadedDataset {
  meta: DatasetMeta;
  districts: DistrictCollection;
  /** Tables present in the database (a public build carries no monthly or problems). */
  tables: TableName[];
}

export type Progress = (message: Message) => void;

export function datasetUrl(baseUrl: string, id: string, file: string): string {
  return `${baseUrl}/data/${encodeURIComponent(id)}/${file}`;
}

export async function loadDatasetIndex(baseUrl: string): Promise<DatasetIndexEntry[]> {
  const file = 'data/index.json';
  const index = await fetchJson<DatasetIndexEntry[]>(`${baseUrl}/${file}`, file);
  if (!Array.isArray(index) || index.length === 0) {
    throw new DataLoadError({ key: 'error.noDatasets', params: { file } }, file, '[{ id, name, year, projects }]');
  }
  return index;
}

/**
 * Columns no view queries in the browser: each file must still have them (checked from the
 * footer), but they are neither decoded nor inserted. At 1M projects (12M monthly rows) they are
 * about half of the decode and insert time and of the memory (npm run bench). To query one of
 * them in the app, take it out of this list.
 */
export const UNLOADED_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  projects: [
    'jurisdiction', 'invested_before', 'planned_start', 'planned_completion', 'location_precision', 'lead_official_rank', 'info_officer',
    'funding_central_budget', 'funding_special_bonds', 'funding_bank_loans', 'funding_private_capital', 'funding_other', 'internal_note'
  ],
  monthly: ['completed_month', 'physical_progress', 'physical_note', 'note'],
  problems: ['responsible_unit', 'responsible_person', 'solution']
};

/** The columns of a table that are loaded: the schema's, less UNLOADED_COLUMNS. */
export function loadedColumns(name: TableName, required: string[]): string[] {
  const skip = new Set(UNLOADED_COLUMNS[name] ?? []);
  return required.filter((c) => !skip.has(c));
}

/** Tables a dataset must have: a public build ships only the public project columns. */
function tablesFor(meta: DatasetMeta): { name: TableName; required: string[] }[] {
  if (meta.public) return [{ name: 'projects', required: columnsOf('projects', 'public') }];
  return (Object.keys(TABLES) as TableName[]).map((name) => ({ name, required: columnsOf(name) }));
}

/**
 * Inserts a table chunk by chunk, in order, as the chunks arrive: the first creates the table.
 * If the file fails after some chunks, the table is dropped again (never half a table).
 */
function chunkInserter(db: AsyncDuckDB | Promise<AsyncDuckDB>, name: string) {
  let chain: Promise<void> = Promise.resolve();
  let first = true;
  return {
    /** Resolves once this chunk is in (or its insert failed: `done()` tells). */
    add(ipc: Uint8Array): Promise<void> {
      const create = first;
      first = false;
      chain = chain.then(async () => {
        const conn = await connectData(await db);
        try {
          if (create) await conn.query(`DROP TABLE IF EXISTS "${name}"`);
          await conn.insertArrowFromIPCStream(ipc, { name, create });
        } finally {
          await conn.close();
        }
      });
      return chain.catch(() => undefined);
    },
    /** Every chunk inserted; rejects with the first failure. */
    done: () => chain,
    async drop(): Promise<void> {
      await chain.catch(() => undefined);
      const conn = await connectData(await db);
      await conn.query(`DROP TABLE IF EXISTS "${name}"`).finally(() => conn.close());
    }
  };
}

async function insertDistricts(db: AsyncDuckDB, districts: DistrictCollection): Promise<void> {
  const props = districts.features.map((f) => f.properties);
  const table = tableFromArrays({
    code: props.map((p) => p.code),
    name: props.map((p) => p.name),
    label_lon: Float64Array.from(props.map((p) => p.label[0])),
    label_lat: Float64Array.from(props.map((p) => p.label[1]))
  });
  const conn = await connectData(db);
  try {
    await conn.query(`DROP TABLE IF EXISTS districts`);
    await conn.insertArrowTable(table, { name: 'districts', create: true });
  } finally {
    await conn.close();
  }
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

export interface DatasetLoad {
  /** Known as soon as meta.json and the districts are in: the page can be laid out. */
  dataset: LoadedDataset;
  /** Resolves when every table is in the database (rejects with the first failure). */
  inserted: Promise<void>;
}

/**
 * Fetches and inserts every file of a dataset; the first failure names its file.
 * `db` may still be starting (a promise): files are fetched and decoded meanwhile, and only
 * the inserts wait for it (start-up order: duckdb-wasm takes 1.5–2.5 s to instantiate here).
 * Returns once the metadata and districts are in; `onPreview` gets the first paint's columns
 * from the projects file before it is decoded whole, and before any insert.
 */
export async function loadDataset(
  db: AsyncDuckDB | Promise<AsyncDuckDB>,
  baseUrl: string,
  id: string,
  progress: Progress,
  onPreview?: (preview: PreviewColumns) => void
): Promise<DatasetLoad> {
  const metaFile = `data/${id}/meta.json`;
  const districtsFile = `data/${id}/districts.geojson`;
  progress({ key: 'loading.file', params: { file: 'meta.json' } });
  const districtsLoading = fetchJson<DistrictCollection>(datasetUrl(baseUrl, id, 'districts.geojson'), districtsFile);
  districtsLoading.catch(() => undefined);
  const meta = await fetchJson<DatasetMeta>(datasetUrl(baseUrl, id, 'meta.json'), metaFile);
  const tables = tablesFor(meta).sort((a, b) => Number(b.name === 'projects') - Number(a.name === 'projects'));
  // The first paint from its own small file when the dataset has one (no WebAssembly to wait
  // for), else from the projects file as the decoding worker reads it. A broken first-paint file
  // fails the load like a broken table would.
  if (meta.first_paint !== undefined && !/^[\w-]+\.arrow$/.test(meta.first_paint)) {
    const detail = `${metaFile}: first_paint "${meta.first_paint}" is not a file name ending in .arrow`;
    throw new DataLoadError({ key: 'error.generic', params: { detail } }, metaFile, 'first_paint: points.arrow');
  }
  let previewFromProjects = onPreview;
  let firstPaint: Promise<void> = Promise.resolve();
  if (onPreview && meta.first_paint) {
    previewFromProjects = undefined;
    firstPaint = loadFirstPaint(datasetUrl(baseUrl, id, meta.first_paint), `data/${id}/${meta.first_paint}`).then((columns) => {
      perfMark('first-paint-read');
      onPreview(columns);
    });
    firstPaint.catch(() => undefined);
  }
  // The decoding worker fetches and decodes each file; the projects are asked for first.
  const tablesInserted = Promise.all(
    tables.map(async ({ name, required }) => {
      const file = `data/${id}/${TABLES[name].file}`;
      progress({ key: 'loading.file', params: { file: TABLES[name].file } });
      const url = datasetUrl(baseUrl, id, TABLES[name].file);
      // Chunks go into the database while the rest of the file decodes (CHUNK_ROWS in parquet-decode.ts).
      const table = chunkInserter(db, name);
      // The first paint's file is fetched alone: alongside 150 MB of Parquet at 1M projects it
      // took 3 s to arrive instead of a fraction of one (npm run bench).
      await firstPaint.catch(() => undefined);
      try {
        await parquetToIpc(url, file, required, loadedColumns(name, required), name === 'projects' ? previewFromProjects : undefined, table.add);
        perfMark(`decoded:${name}`);
        await table.done();
      } catch (err) {
        await table.drop().catch(() => undefined);
        throw err;
      }
      perfMark(`inserted:${name}`);
    })
  );
  tablesInserted.catch(() => undefined);
  const districts = await districtsLoading;
  checkDistricts(districts, districtsFile);
  const inserted = Promise.all([firstPaint, tablesInserted.then(async () => insertDistricts(await db, districts))]).then(() => undefined);
  inserted.catch(() => undefined);
  return { dataset: { meta, districts, tables: tables.map((t) => t.name) }, inserted };
}
