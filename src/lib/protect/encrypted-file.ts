/**
 * Reading a protected file over HTTP: whole, or a plaintext byte range at a time by range requests
 * for just the chunks that hold it (a project card's row groups, a month's facts in parts). The
 * header comes first (one small range request), then each read asks for one ciphertext range.
 */
import type { Cipher } from './cipher.ts';
import { DecryptError } from './cipher.ts';
import { decryptChunk, decryptWhole } from './chunked.ts';
import { announcedHeaderLength, chunkPlaces, chunksCovering, decodeHeader, type EncryptedHeader } from './format.ts';

/** The file's plaintext, read a range at a time. */
export interface RangedPlaintext {
  size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/** What opening a file gave: its plaintext reader, the whole plaintext (a server that ignores ranges), or an HTTP failure. */
export type OpenedFile = { ranged: RangedPlaintext } | { bytes: Uint8Array } | { status: number };

/** Enough for the header of a file of some thousand chunks in the first request. */
const HEADER_PROBE = 8192;
/** Decrypted chunks kept per open file: Parquet readers read the footer twice and neighbours often. */
const CACHE_BYTES = 8 << 20;

export interface ProtectedFiles {
  key: Uint8Array;
  cipher: Cipher;
}

/**
 * How a file is fetched: whole, or bytes [start, end) by a range request. Given by the data source
 * (src/lib/db/data-source.ts), the one place that fetches data files.
 */
export type FetchFile = (range?: [start: number, end: number]) => Promise<Response>;

/** The fetch of the file at `url`. */
export function fetchFile(fetcher: typeof fetch, url: string): FetchFile {
  return (range) => fetcher(url, range ? { headers: { Range: `bytes=${range[0]}-${range[1] - 1}` } } : {});
}

/** A whole protected file, fetched and decrypted; `status` when the server did not send it. */
export async function fetchDecrypted(
  get: FetchFile,
  path: string,
  keys: ProtectedFiles
): Promise<{ bytes: Uint8Array } | { status: number }> {
  const res = await get();
  if (!res.ok) return { status: res.status };
  return { bytes: await decryptWhole(new Uint8Array(await res.arrayBuffer()), keys.key, path, keys.cipher) };
}

/**
 * Opens a protected file for range reads. A server that answers the header's range with the whole
 * file (no range support) gives the whole plaintext instead.
 */
export async function openEncrypted(get: FetchFile, path: string, keys: ProtectedFiles): Promise<OpenedFile> {
  const first = await get([0, HEADER_PROBE]);
  if (!first.ok) return { status: first.status };
  let head = new Uint8Array(await first.arrayBuffer());
  if (first.status !== 206) return { bytes: await decryptWhole(head, keys.key, path, keys.cipher) };
  const length = announcedHeaderLength(head);
  if (length === null) throw new DecryptError();
  if (length > head.length) {
    const rest = await get([head.length, length]);
    if (rest.status !== 206) return { status: rest.status };
    const whole = new Uint8Array(length);
    whole.set(head, 0);
    whole.set(new Uint8Array(await rest.arrayBuffer()), head.length);
    head = whole;
  }
  const header = decodeHeader(head);
  if (!header) throw new DecryptError();
  return { ranged: rangedReader(header, get, path, keys) };
}

/** Reads plaintext ranges of a file whose header is known, fetching each missing run of chunks with one request. */
export function rangedReader(header: EncryptedHeader, get: FetchFile, path: string, keys: ProtectedFiles): RangedPlaintext {
  const places = chunkPlaces(header);
  const cache = new Map<number, Promise<Uint8Array>>();
  let cached = 0;
  const forget = (index: number) => {
    if (cache.delete(index)) cached -= places[index].plainLength;
  };
  const remember = (index: number, chunk: Promise<Uint8Array>) => {
    cache.set(index, chunk);
    cached += places[index].plainLength;
    // A failed read is not kept: the next read asks again.
    chunk.catch(() => cache.get(index) === chunk && forget(index));
    for (const [old] of cache) {
      if (cached <= CACHE_BYTES || old === index) break;
      forget(old);
    }
  };
  const fetchRun = (run: typeof places) => {
    const start = run[0].cipherStart;
    const end = run.at(-1)!.cipherStart + run.at(-1)!.cipherLength;
    const body = get([start, end]).then(async (res) => {
      if (res.status !== 206) throw new Error(`HTTP ${res.status} for bytes ${start}-${end - 1}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length !== end - start) throw new DecryptError();
      return bytes;
    });
    return run.map((place): [number, Promise<Uint8Array>] => {
      const from = place.cipherStart - start;
      const chunk = body.then((b) => decryptChunk(header, place, b.subarray(from, from + place.cipherLength), keys.key, path, keys.cipher));
      remember(place.index, chunk);
      return [place.index, chunk];
    });
  };
  return {
    size: header.size,
    async read(start, end) {
      end = Math.min(end, header.size);
      if (end <= start) return new Uint8Array(0);
      const needed = chunksCovering(places, start, end);
      // Taken before any fetch: a read larger than the cache evicts its own first chunks.
      const got = new Map(
        needed.flatMap((p): [number, Promise<Uint8Array>][] => (cache.has(p.index) ? [[p.index, cache.get(p.index)!]] : []))
      );
      // Consecutive missing chunks in one request.
      let run: typeof places = [];
      const flush = () => {
        for (const [i, chunk] of fetchRun(run)) got.set(i, chunk);
        run = [];
      };
      for (const place of needed.filter((p) => !got.has(p.index))) {
        if (run.length > 0 && run.at(-1)!.index + 1 !== place.index) flush();
        run.push(place);
      }
      if (run.length > 0) flush();
      const chunks = await Promise.all(needed.map((p) => got.get(p.index)!));
      const out = new Uint8Array(end - start);
      needed.forEach((place, i) => {
        const from = Math.max(start, place.plainStart);
        const to = Math.min(end, place.plainStart + place.plainLength);
        out.set(chunks[i].subarray(from - place.plainStart, to - place.plainStart), from - start);
      });
      return out;
    }
  };
}

/** A protected file as parquet-wasm reads it, with what went wrong reading it. */
export type ProtectedBlob = Blob & {
  /** The first read that failed (a chunk that did not decrypt, a failed fetch), else null. */
  failure: unknown;
  /** Settles once a read has failed. */
  failed: Promise<void>;
};

/**
 * The reader as the Blob parquet-wasm's `ParquetFile.fromFile` reads (it only asks for `size` and
 * `slice(start, end).arrayBuffer()`), so it reads a protected file by ranges as it reads a URL.
 * A read that fails never settles: parquet-wasm panics, and then never settles either, when a
 * read rejects, and would decode whatever bytes it were given instead. Whoever reads races each
 * call against `failed` (see untilFailure).
 */
export function asBlob(file: RangedPlaintext): ProtectedBlob {
  let fail: () => void = () => undefined;
  const blob = {
    size: file.size,
    failure: null as unknown,
    failed: new Promise<void>((resolve) => (fail = resolve)),
    slice(start = 0, end = file.size) {
      return {
        arrayBuffer: async () => {
          try {
            const bytes = await file.read(start, end);
            return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
          } catch (err) {
            blob.failure ??= err;
            fail();
            return new Promise<never>(() => undefined);
          }
        }
      };
    }
  };
  return blob as unknown as ProtectedBlob;
}

/** `work` (a parquet-wasm call reading `blob`), or the blob's read failure as soon as there is one. */
export function untilFailure<T>(blob: ProtectedBlob, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    blob.failed.then((): never => {
      throw blob.failure;
    })
  ]);
}
