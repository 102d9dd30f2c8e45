#!/usr/bin/env node
// Serves a static build the way a plain web server would: files only, application/wasm,
// HTTP range requests, optionally under a sub-path. Used by the e2e tests and benchmarks.
//   node scripts/serve-static.mjs --dir build --base /command-map --port 4173
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const dir = path.resolve(arg('dir', 'build'));
const base = (arg('base', '') ?? '').replace(/\/$/, '');
const port = Number(arg('port', '4173'));
const host = arg('host', '127.0.0.1');

const files = sirv(dir, { dev: false, etag: true, gzip: false, brotli: false, extensions: ['html'] });

/**
 * sirv reads a suffix range, "bytes=-N" (the last N bytes, RFC 9110 §14.1.2), as "bytes=0-N".
 * Parquet readers ask for the footer that way: spell it out as an ordinary range first.
 */
function spellOutSuffixRange(req, pathname) {
  const suffix = /^bytes=-(\d+)$/.exec(req.headers.range ?? '');
  if (!suffix || Number(suffix[1]) === 0) return;
  const file = path.join(dir, decodeURIComponent(pathname));
  if (!file.startsWith(dir + path.sep)) return;
  let size;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  if (size === 0) return;
  req.headers.range = `bytes=${size - Math.min(Number(suffix[1]), size)}-${size - 1}`;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (base && !(url.pathname === base || url.pathname.startsWith(`${base}/`))) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  if (base && url.pathname === base) {
    res.writeHead(301, { location: `${base}/` }).end();
    return;
  }
  req.url = req.url.slice(base.length) || '/';
  spellOutSuffixRange(req, new URL(req.url, 'http://localhost').pathname);
  files(req, res, () => res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'));
});

server.listen(port, host, () => console.log(`Serving ${dir} at http://${host}:${port}${base}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
