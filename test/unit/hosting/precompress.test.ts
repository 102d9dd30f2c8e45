/**
 * The build's precompressed copies: code and wasm under _app/ get a .br and a .gz that decompress
 * to the file, small files and data files get none, and a copy that would not be smaller is not
 * kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { precompress } from '../../../scripts/precompress.mjs';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function site(files: Record<string, string | Buffer>): string {
  dir = mkdtempSync(path.join(tmpdir(), 'cm-precompress-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

describe('precompress', () => {
  it('writes a .br and a .gz of each code and wasm file under _app/ that decompress to it', async () => {
    const js = 'export const label = "挂图作战";\n'.repeat(200);
    const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d]), Buffer.alloc(50_000, 7)]);
    const root = site({ '_app/immutable/chunks/a.js': js, '_app/immutable/assets/duckdb-eh.wasm': wasm });
    const totals = await precompress(root);
    expect(totals.files).toBe(2);
    const a = path.join(root, '_app/immutable/chunks/a.js');
    expect(brotliDecompressSync(readFileSync(`${a}.br`)).toString()).toBe(js);
    expect(gunzipSync(readFileSync(`${a}.gz`)).toString()).toBe(js);
    const w = path.join(root, '_app/immutable/assets/duckdb-eh.wasm');
    expect(brotliDecompressSync(readFileSync(`${w}.br`)).equals(wasm)).toBe(true);
    expect(readFileSync(`${w}.gz`).length).toBeLessThan(wasm.length);
  });

  it('leaves data files, small files and incompressible ones without copies', async () => {
    const root = site({
      'data/liuzhou-2022/meta.json': JSON.stringify({ id: 'x', pad: 'a'.repeat(5000) }),
      'index.html': '<!doctype html>' + ' '.repeat(5000),
      '_app/version.json': '{"version":"1"}',
      '_app/immutable/assets/noise.wasm': randomBytes(20_000)
    });
    await precompress(root);
    expect(existsSync(path.join(root, 'data/liuzhou-2022/meta.json.gz'))).toBe(false);
    expect(existsSync(path.join(root, 'index.html.br'))).toBe(false);
    expect(existsSync(path.join(root, '_app/version.json.br'))).toBe(false);
    expect(existsSync(path.join(root, '_app/immutable/assets/noise.wasm.br'))).toBe(false);
    expect(existsSync(path.join(root, '_app/immutable/assets/noise.wasm.gz'))).toBe(false);
  });

  it('refuses a folder that is not a build', async () => {
    await expect(precompress(site({ 'x.txt': 'x' }))).rejects.toThrow(/_app does not exist/);
  });
});
