/**
 * Decodes Parquet files off the main thread, one per message (parquet.ts). Its WebAssembly memory
 * (the size of the largest decode, never given back while it lives) goes when it is terminated.
 */
import { decode, initDecoder, type DecodeRequest } from './parquet-decode.ts';
import { previewBuffers } from './preview-points.ts';

initDecoder().catch(() => undefined);

self.onmessage = async (e: MessageEvent<DecodeRequest & { id: number }>) => {
  const { id, ...request } = e.data;
  const result = await decode(request);
  if (result.ok) (self as unknown as Worker).postMessage({ ...result, id }, [result.ipc.buffer as ArrayBuffer, ...(result.preview ? previewBuffers(result.preview) : [])]);
  else (self as unknown as Worker).postMessage({ ...result, id });
};
