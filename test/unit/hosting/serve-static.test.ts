/**
 * The static server the e2e tests, the benchmarks and `npm start` use answers range requests the
 * way nginx does, including suffix ranges ("the last N bytes"), which Parquet readers use to
 * read a file's footer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PORT = 4385;
const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
let dir: string;
let server: ChildProcess;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cm-serve-'));
  writeFileSync(path.join(dir, 'file.bin'), body);
  server = spawn(process.execPath, ['scripts/serve-static.mjs', '--dir', dir, '--base', '/sub', '--port', String(PORT)], { stdio: 'pipe' });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d) => String(d).includes('Serving') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
});
afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const get = (range?: string) => fetch(`http://127.0.0.1:${PORT}/sub/file.bin`, { headers: range ? { range } : {} });

describe('serve-static', () => {
  it('answers a range with 206 and those bytes', async () => {
    const res = await get('bytes=10-19');
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(10, 20));
  });

  it('answers a suffix range with the last bytes of the file', async () => {
    const res = await get('bytes=-8');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 992-999/1000');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(992));
  });

  it('gives the whole file for a suffix longer than the file', async () => {
    const res = await get('bytes=-5000');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
  });

  it('serves the whole file without a range, and 404 outside the base path', async () => {
    expect(Buffer.from(await (await get()).arrayBuffer())).toEqual(body);
    expect((await fetch(`http://127.0.0.1:${PORT}/file.bin`)).status).toBe(404);
  });
});
