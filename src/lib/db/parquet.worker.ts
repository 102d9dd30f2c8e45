/**
 * Decodes Parquet files off the main thread, one per message (parquet.ts). Its WebAssembly memory
 * (the size of the largest decode, never given back while it lives) goes when it is terminated.
 */
import { decode, initDecoder, type DecodedChunk, type DecodeRequest } from './parquet-decode.ts';
import { chunkBuffers } from './local/chunk-columns.ts';

initDecoder().catch(() => undefined);

/** Chunks handed over and not yet in the database, by request id and chunk number. */
const unacknowledged = new Map<string, () => void>();

self.onmessage = async (e: MessageEvent<(DecodeRequest & { id: number }) | { ack: number; n: number }>) => {
  if ('ack' in e.data) {
    const key = `${e.data.ack}:${e.data.n}`;
    unacknowledged.get(key)?.();
    unacknowledged.delete(key);
    return;
  }
  const { id, ...request } = e.data;
  const post = (message: object, transfer: ArrayBuffer[] = []) => (self as unknown as Worker).postMessage(message, transfer);
  let chunks = 0;
  const onChunk = request.chunked
    ? (chunk: DecodedChunk, rows: number) => {
        const n = ++chunks;
        if (!(chunk instanceof Uint8Array)) {
          // Columns read here are only held by the page until the month is read: the next piece is
          // decoded at once, not after a round trip through the page's main thread, which the map's
          // set-up holds for tenths of a second (npm run bench at 100k).
          post({ id, chunk, n, rows }, chunkBuffers(chunk));
          return;
        }
        post({ id, chunk, n, rows }, [chunk.buffer as ArrayBuffer]);
        return new Promise<void>((resolve) => unacknowledged.set(`${id}:${n}`, resolve));
      }
    : undefined;
  const result = await decode(request, onChunk);
  if (result.ok)
    post(
      { ...result, id },
      // A kept file that is a Blob is a handle, not moved.
      [result.ipc, result.file].filter((b) => b instanceof Uint8Array).map((b) => b.buffer as ArrayBuffer)
    );
  else post({ ...result, id });
};
