/**
 * Loads one dataset directory (meta.json, districts.geojson, Parquet tables) into duckdb-wasm.
 */
import { tableFromArrays } from 'apache-arrow';
import type { FeatureCollection, Geometry } from 'geojson';
import { columnsOf, TABLES, type DatasetIndexEntry, type DatasetMeta, type DistrictProperties, type TableName } from '../schema.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import { DataLoadError } from './errors.ts';
import { fetchBytes, fetchJson } from './fetch-file.ts';
import { parquetToIpc } from './parquet.ts';
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

/** Tables a dataset must have: a public build ships only the public project columns. */
function tablesFor(meta: DatasetMeta): { name: TableName; required: string[] }[] {
  if (meta.public) return [{ name: 'projects', required: columnsOf('projects', 'public') }];
  return (Object.keys(TABLES) as TableName[]).map((name) => ({ name, required: columnsOf(name) }));
}

async function insertIpc(db: AsyncDuckDB, name: string, ipc: Uint8Array): Promise<void> {
  const conn = await db.connect();
  try {
    await conn.query(`DROP TABLE IF EXISTS "${name}"`);
    await conn.insertArrowFromIPCStream(ipc, { name, create: true });
  } finally {
    await conn.close();
  }
}

async function insertDistricts(db: AsyncDuckDB, districts: DistrictCollection): Promise<void> {
  const props = districts.features.map((f) => f.properties);
  const table = tableFromArrays({
    code: props.map((p) => p.code),
    name: props.map((p) => p.name),
    label_lon: Float64Array.from(props.map((p) => p.label[0])),
    label_lat: Float64Array.from(props.map((p) => p.label[1]))
  });
  const conn = await db.connect();
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

/** Fetches and inserts every file of a dataset; the first failure names its file. */
export async function loadDataset(db: AsyncDuckDB, baseUrl: string, id: string, progress: Progress): Promise<LoadedDataset> {
  const metaFile = `data/${id}/meta.json`;
  progress({ key: 'loading.file', params: { file: 'meta.json' } });
  const meta = await fetchJson<DatasetMeta>(datasetUrl(baseUrl, id, 'meta.json'), metaFile);
  const districtsFile = `data/${id}/districts.geojson`;
  const districts = await fetchJson<DistrictCollection>(datasetUrl(baseUrl, id, 'districts.geojson'), districtsFile);
  checkDistricts(districts, districtsFile);
  const tables = tablesFor(meta);
  await Promise.all(
    tables.map(async ({ name, required }) => {
      const file = `data/${id}/${TABLES[name].file}`;
      progress({ key: 'loading.file', params: { file: TABLES[name].file } });
      const bytes = await fetchBytes(datasetUrl(baseUrl, id, TABLES[name].file), file);
      perfMark(`fetched:${name}`);
      const ipc = await parquetToIpc(bytes, file, required);
      perfMark(`decoded:${name}`);
      await insertIpc(db, name, ipc);
      perfMark(`inserted:${name}`);
    })
  );
  await insertDistricts(db, districts);
  return { meta, districts, tables: tables.map((t) => t.name) };
}
