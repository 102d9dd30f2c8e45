/**
 * Decodes Parquet files off the main thread, one per message (parquet.ts). Its WebAssembly memory
 * (the size of the largest decode, never given back while it lives) goes when it is terminated.
 */
import { decode, initDecoder, type DecodeRequest } from './parquet-decode.ts';
import { previewBuffers, type PreviewColumns } from './preview-points.ts';

initDecoder().catch(() => undefined);

self.onmessage = async (e: MessageEvent<DecodeRequest & { id: number }>) => {
  const { id, ...request } = e.data;
  const post = (message: object, transfer: ArrayBuffer[] = []) => (self as unknown as Worker).postMessage(message, transfer);
  const onPreview = request.preview ? (preview: PreviewColumns) => post({ id, preview }, previewBuffers(preview)) : undefined;
  const result = await decode(request, onPreview);
  if (result.ok) post({ ...result, id }, [result.ipc.buffer as ArrayBuffer]);
  else post({ ...result, id });
};
