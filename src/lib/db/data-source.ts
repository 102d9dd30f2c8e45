/**
 * The one place where the browser reads the site's data files: JSON, Arrow IPC and Parquet, whole
 * or by row groups over HTTP range requests. Every loader (dataset index, meta.json, districts,
 * first paint, each month's facts, source tables, a project card's rows) reads through a
 * DataSource, so that a public build or decryption can be plugged in here without touching them.
 * Files are named relative to the site's root, e.g. `data/liuzhou-2022/meta.json`; the same name
 * appears in any error, which is translated and names the file.
 *
 * A protected build's files are decrypted here (whole files) or by the Parquet decoder (by ranges),
 * with the build's data key; without the key, the first encrypted file read says the build is locked.
 */
import { DataLoadError, describeError } from './errors.ts';
import { parquetRowGroupsToIpc, parquetToIpc } from './parquet.ts';
import type { ChunkHandler, DecodedChunk, KeptFile } from './parquet-decode.ts';
import type { ChunkReads } from './local/chunk-columns.ts';
import type { ColumnNeed } from './column-types.ts';
import { contextCipher, DecryptError } from '../protect/cipher.ts';
import { fetchDecrypted, fetchFile } from '../protect/encrypted-file.ts';
import { isEncrypted } from '../protect/format.ts';
import { isDataFile } from '../protect/keys.ts';

/** The site is a protected build and no key was given: the passphrase is needed before any data. */
export class DataLockedError extends Error {
  constructor(readonly file: string) {
    super(`${file} is encrypted`);
    this.name = 'DataLockedError';
  }
}

export interface ParquetRead {
  /** Columns the file must have, with their types (checked before anything is decoded, column-types.ts). */
  required: ColumnNeed[];
  /** Only these columns are decoded (all when absent). */
  columns?: string[];
}

export interface DataSource {
  /** The file's absolute URL. */
  url(file: string): string;
  bytes(file: string): Promise<Uint8Array>;
  json<T>(file: string): Promise<T>;
  /**
   * A whole Parquet file as Arrow IPC; with `onChunk`, handed over in chunks of whole row groups
   * (`chunkRows`) read by range requests where the server answers them, and the result is null.
   */
  parquet<C extends DecodedChunk = Uint8Array>(
    file: string,
    read: ParquetRead & {
      /** Told of each chunk: its Arrow IPC, or (with `reads`) its columns read where it was decoded. */
      onChunk?: ChunkHandler<C>;
      /** Each chunk's columns to read where it is decoded (the decoding worker), handed over instead of its Arrow. */
      reads?: ChunkReads;
      chunkRows?: number;
    }
  ): Promise<Uint8Array | null>;
  /**
   * A Parquet file handed over in chunks as `parquet` does, read whole and resolving to the file
   * (decrypted) kept for a second decode; with `kept`, that file decoded again instead (null).
   */
  parquetKept<C extends DecodedChunk = Uint8Array>(
    file: string,
    read: ParquetRead & { onChunk: ChunkHandler<C>; reads?: ChunkReads; chunkRows?: number; kept?: KeptFile }
  ): Promise<KeptFile | null>;
  /** Only some row groups of a Parquet file, over range requests (the footer, then those column chunks). */
  parquetRowGroups(file: string, read: ParquetRead & { columns: string[]; rowGroups: number[] }): Promise<Uint8Array>;
  /** The same files read past the browser's cache (revalidated): a screen left open asks whether they changed. */
  revalidating?(): DataSource;
}

/**
 * A static web server's files under `base` (the site's path, '' at the root); `key`, a protected
 * build's data key, decrypts them.
 */
export function staticDataSource(base: string, key: Uint8Array | null = null, fetcher?: typeof fetch): DataSource {
  // The global fetch as it is at each request (not when the source was made): tests and the
  // browser's own instrumentation may replace it later.
  const get: typeof fetch = (input, init) => (fetcher ?? fetch)(input, init);
  const url = (file: string) => new URL(`${base}/${file}`, typeof location === 'undefined' ? 'http://localhost/' : location.href).href;
  const plain = async (file: string): Promise<Uint8Array> => {
    let res: Response;
    try {
      res = await get(url(file));
    } catch (err) {
      throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: describeError(err) } }, file);
    }
    if (!res.ok) throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: res.status } }, file);
    const body = new Uint8Array(await res.arrayBuffer());
    if (isEncrypted(body)) throw new DataLockedError(file);
    return body;
  };
  const decrypted = async (file: string, key: Uint8Array): Promise<Uint8Array> => {
    let got: Awaited<ReturnType<typeof fetchDecrypted>>;
    try {
      got = await fetchDecrypted(fetchFile(get, url(file)), file, { key, cipher: await contextCipher() });
    } catch (err) {
      if (err instanceof DecryptError) throw new DataLoadError({ key: 'error.decrypt', params: { file } }, file);
      throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: describeError(err) } }, file);
    }
    if ('status' in got) throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: got.status } }, file);
    return got.bytes;
  };
  // The site's config is never encrypted; a dataset's files are, once the build is protected.
  const bytes = (file: string) => (key && isDataFile(file) ? decrypted(file, key) : plain(file));
  return {
    url,
    bytes,
    async json<T>(file: string): Promise<T> {
      const body = await bytes(file);
      try {
        return JSON.parse(new TextDecoder().decode(body)) as T;
      } catch (err) {
        throw new DataLoadError({ key: 'error.badJson', params: { file, detail: describeError(err) } }, file, 'JSON');
      }
    },
    parquet: async (file, read) =>
      (await parquetToIpc(url(file), file, read.required, read.columns, read.onChunk, read.chunkRows, key, {
        reads: read.reads
      })) as Uint8Array | null,
    parquetKept: (file, read) =>
      parquetToIpc(url(file), file, read.required, read.columns, read.onChunk, read.chunkRows, key, {
        ...(read.kept ? { bytes: read.kept } : { keepFile: true }),
        reads: read.reads
      }),
    parquetRowGroups: (file, read) => parquetRowGroupsToIpc(url(file), file, read.required, read.columns, read.rowGroups, key),
    revalidating: () => staticDataSource(base, key, (input, init) => fetch(input, { ...init, cache: 'no-cache' }))
  };
}

/** A dataset's files: `file('meta.json')` is `data/<id>/meta.json`. */
export function datasetFile(id: string, file: string): string {
  return `data/${encodeURIComponent(id)}/${file}`;
}
