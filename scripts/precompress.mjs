#!/usr/bin/env node
// Writes a Brotli (.br) and a gzip (.gz) copy beside each of the build's code and wasm files under
// _app/ (hashed names, so a copy can never be older than its file), for servers that send a
// precompressed copy to browsers that accept it: the preview server (sirv) and nginx
// (`gzip_static`, `brotli_static`; scripts/hosting/nginx-location.conf). Data files are left
// alone: Parquet is compressed already, and a data folder updated in place on the server would
// otherwise be served from a stale copy.
//   node scripts/precompress.mjs [build folder]      (run by `npm run build` after vite build)
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What is worth compressing: text and wasm of at least a kilobyte. */
export const COMPRESSIBLE = /\.(js|mjs|css|wasm|json|svg|html|map)$/i;
const MIN_BYTES = 1024;
/** Brotli's top quality takes minutes on the 35 MB DuckDB engines; 5 is within 5% of 9 there. */
const brotliQuality = (bytes) => (bytes > 1_000_000 ? 5 : 11);

function* filesUnder(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** Compresses one file; a copy is kept only where it is smaller than the file. */
async function compressFile(file) {
  const bytes = fs.readFileSync(file);
  const written = [];
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: brotliQuality(bytes.length), [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length }
    }),
    gzip(bytes, { level: 9 })
  ]);
  for (const [suffix, out] of [
    ['.br', br],
    ['.gz', gz]
  ]) {
    const target = file + suffix;
    if (out.length < bytes.length) {
      // Written beside and renamed, so a server never sends half a copy.
      fs.writeFileSync(`${target}.tmp`, out);
      fs.renameSync(`${target}.tmp`, target);
      written.push(out.length);
    } else fs.rmSync(target, { force: true });
  }
  return { bytes: bytes.length, br: br.length, gz: gz.length, written: written.length };
}

/** Precompresses the build's `_app/` folder; returns totals. */
export async function precompress(buildDir) {
  const app = path.join(buildDir, '_app');
  if (!fs.existsSync(app)) throw new Error(`${app} does not exist: build the site first`);
  const files = [...filesUnder(app)].filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).size >= MIN_BYTES);
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  for (const file of files) {
    const r = await compressFile(file);
    totals.files++;
    totals.bytes += r.bytes;
    totals.br += r.br;
    totals.gz += r.gz;
  }
  return totals;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? process.env.BUILD_DIR ?? 'build');
  const mb = (n) => (n / 1e6).toFixed(1);
  precompress(dir).then(
    (t) =>
      console.log(
        `precompressed ${t.files} files under ${path.relative(process.cwd(), dir) || '.'}/_app: ${mb(t.bytes)} MB → ${mb(t.br)} MB brotli, ${mb(t.gz)} MB gzip`
      ),
    (err) => {
      console.error(`precompress: ${err.message}`);
      process.exit(1);
    }
  );
}
