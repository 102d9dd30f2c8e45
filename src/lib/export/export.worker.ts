/**
 * The export worker: encodes the windows of rows the page hands over (export/run.ts), so a
 * million rows are written without a long task on the page. One worker per export, ended after it
 * (its memory, SheetJS's cells or parquet-wasm's WebAssembly, goes with it).
 */
import { createEncoder, type Encoder, type EncoderOptions } from './encoders.ts';

export type WorkerRequest = ({ type: 'start' } & EncoderOptions) | { type: 'rows'; ipc: Uint8Array } | { type: 'finish' };
export type WorkerReply = { type: 'ack'; rows: number } | { type: 'done'; blob: Blob } | { type: 'error'; message: string };

let encoder: Encoder | null = null;
let queue: Promise<void> = Promise.resolve();
const post = (reply: WorkerReply) => (self as unknown as Worker).postMessage(reply);

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'start') encoder = await createEncoder(request);
  else if (!encoder) throw new Error('export worker: no export started');
  else if (request.type === 'rows') post({ type: 'ack', rows: await encoder.add(request.ipc) });
  else post({ type: 'done', blob: await encoder.finish() });
}

// Messages are handled one after another, in order, even where encoding awaits.
self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  queue = queue
    .then(() => handle(e.data))
    .catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
