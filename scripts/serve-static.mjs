#!/usr/bin/env node
// Serves a static build the way a plain web server would: files only, application/wasm,
// HTTP range requests, precompressed copies (.br, .gz) where the build has them, optionally under a sub-path, unknown paths answered with the build's
// 404.html. Used by `npm run preview`, the e2e tests and the benchmarks.
//   node scripts/serve-static.mjs --dir build --base /command-map --port 4173 [--host 127.0.0.1]
// `node scripts/serve-static.mjs --help` lists the options.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sirv from 'sirv';
import { allowedOrigins, frameAncestorsHeader, isEmbedPath } from './hosting/frame-ancestors.mjs';

const DEFAULTS = { dir: 'build', base: '', port: '4173', host: '127.0.0.1' };

const HELP = `Usage: node scripts/serve-static.mjs [options]

Serves a static build (the output of \`npm run build\`) the way a plain web server would:
files only, .wasm as application/wasm, HTTP range requests, unknown paths answered with
the build's own 404.html (status 404).

Options (--name value or --name=value; when an option is given twice the last one wins,
so \`npm run preview -- --port 5000\` overrides the script's own --port):
  --dir <folder>  the folder to serve. Default: ${DEFAULTS.dir}
  --base <path>   the URL path the site is served under, e.g. /command-map.
                  Default: none (the site is at /)
  --port <n>      TCP port, an integer from 0 to 65535 (0 picks a free one). Default: ${DEFAULTS.port}
  --host <addr>   the address to listen on; 0.0.0.0 serves the local network.
                  Default: ${DEFAULTS.host} (this machine only)
  -h, --help      show this help and exit
`;

/** A bad command line: one line on stderr, exit code 2, never a stack trace. */
function usageError(message) {
  console.error(`serve-static: ${message} (see --help)`);
  process.exit(2);
}

/** `--name value` and `--name=value`; the last occurrence of an option wins. */
function parseOptions(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(token);
    if (!match) usageError(`unexpected argument "${token}"`);
    const [, name, inline] = match;
    if (!Object.hasOwn(DEFAULTS, name)) usageError(`unknown option --${name}`);
    let value = inline;
    if (value === undefined) {
      value = argv[i + 1];
      // An empty value is fine (`--base ""`), another option is not.
      if (value === undefined || value.startsWith('--')) usageError(`--${name} needs a value`);
      i++;
    }
    options[name] = value;
  }
  return options;
}

function parsePort(value) {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) usageError(`--port "${value}" is not a port number (an integer from 0 to 65535)`);
  return port;
}

function parseDir(value) {
  const dir = path.resolve(value);
  let stats;
  try {
    stats = fs.statSync(dir);
  } catch {
    usageError(`--dir "${value}" does not exist${value === DEFAULTS.dir ? '; run `npm run build` first' : ''}`);
  }
  if (!stats.isDirectory()) usageError(`--dir "${value}" is not a folder`);
  return dir;
}

/** "/command-map", "command-map/" → "/command-map"; "" and "/" → "" (the site at the root). */
function parseBase(value) {
  if (/[?#\\\s]/.test(value)) usageError(`--base "${value}" is not a URL path such as /command-map`);
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  // Percent-encoded as a browser would send it.
  return trimmed ? new URL(`/${trimmed}`, 'http://localhost').pathname.replace(/\/+$/, '') : '';
}

function parseHost(value) {
  if (!value || /[\s/]/.test(value)) usageError(`--host "${value}" is not an address`);
  return value;
}

const options = parseOptions(process.argv.slice(2));
const port = parsePort(options.port);
const host = parseHost(options.host);
const base = parseBase(options.base);
const dir = parseDir(options.dir);
const notFoundPage = path.join(dir, '404.html');

/**
 * sirv reads a suffix range, "bytes=-N" (the last N bytes, RFC 9110 §14.1.2), as "bytes=0-N",
 * and "bytes=-0" as the whole file. Parquet readers ask for the footer that way: spell the range
 * out for the file's size before sirv reads it. A Range header that is not a single byte range
 * is ignored (the whole file, 200), as RFC 9110 allows. (sirv still answers "bytes=0-0" with
 * the whole file, under a Content-Range that says so.)
 */
function spellOutRange(req, size) {
  const range = req.headers.range;
  if (range === undefined) return;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(range);
  if (!m || (m[1] === '' && m[2] === '') || (m[1] !== '' && m[2] !== '' && Number(m[2]) < Number(m[1]))) {
    delete req.headers.range;
    return;
  }
  if (m[1] === '') {
    const suffix = Number(m[2]);
    // An empty suffix, or any range of an empty file, is unsatisfiable: sirv answers 416.
    req.headers.range = suffix === 0 || size === 0 ? `bytes=${size}-` : `bytes=${size - Math.min(suffix, size)}-${size - 1}`;
  } else {
    req.headers.range = `bytes=${m[1]}-${m[2]}`;
  }
}

const files = sirv(dir, {
  dev: false,
  etag: true,
  // The build's precompressed copies (scripts/precompress.mjs), to browsers that accept them.
  gzip: true,
  brotli: true,
  extensions: ['html'],
  setHeaders(res, _pathname, stats) {
    res.setHeader('Accept-Ranges', 'bytes');
    spellOutRange(res.req, stats.size);
  }
});

/** The build's 404.html (SvelteKit's fallback page) with status 404; plain text if there is none. */
function notFound(req, res) {
  let body;
  let type = 'text/html; charset=utf-8';
  try {
    body = fs.readFileSync(notFoundPage);
  } catch {
    body = Buffer.from('Not found\n');
    type = 'text/plain; charset=utf-8';
  }
  res.writeHead(404, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function badRequest(res) {
  res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n');
}

/** The path and query of the request target, also for the absolute form ("GET http://host/path"). */
function splitTarget(target) {
  if (!target.startsWith('/')) {
    try {
      const url = new URL(target);
      target = url.pathname + url.search;
    } catch {
      return null;
    }
  }
  const q = target.search(/[?#]/);
  return q < 0 ? { pathname: target, query: '' } : { pathname: target.slice(0, q), query: target.slice(q).replace(/#.*$/s, '') };
}

const server = http.createServer((req, res) => {
  const target = splitTarget(req.url ?? '/');
  if (!target) return badRequest(res);
  const { pathname, query } = target;
  if (base && pathname === base) {
    res.writeHead(301, { location: `${base}/${query}` }).end();
    return;
  }
  if (base && !pathname.startsWith(`${base}/`)) return notFound(req, res);
  const rest = pathname.slice(base.length);
  let decoded;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    return badRequest(res);
  }
  // Never follow a path outside --dir: no ".." segment, raw or percent-encoded, and no NUL.
  if (decoded.includes('\0') || decoded.split(/[\\/]/).includes('..')) return notFound(req, res);
  // Read per request: the site's config/embed.json is edited in place, without a restart.
  res.setHeader('Content-Security-Policy', frameAncestorsHeader(decoded, isEmbedPath(decoded) ? allowedOrigins(dir) : []));
  const inside = path.resolve(dir, `.${decoded}`);
  if (inside !== dir && !inside.startsWith(dir + path.sep)) return notFound(req, res);

  // A file that vanished since start-up (a rebuild under a running server): end that response
  // instead of crashing on the read stream's error.
  res.once('pipe', (source) =>
    source.once('error', (error) => {
      console.error(`serve-static: cannot read ${decoded}: ${error.code ?? error.message}; restart the server after a rebuild`);
      res.destroy();
    })
  );
  req.url = rest + query;
  files(req, res, () => {
    delete req.headers.range;
    notFound(req, res);
  });
});

function hostInUrl(address) {
  return net.isIPv6(address) ? `[${address}]` : address;
}

/** The URLs the server answers at: for a wildcard host, this machine's loopback and network addresses. */
function servedUrls(actualPort) {
  const suffix = `:${actualPort}${base}/`;
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  if (!wildcard) return [`http://${hostInUrl(host)}${suffix}`];
  const urls = [`http://127.0.0.1${suffix}`];
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.internal || a.address.startsWith('fe80:')) continue;
      if (a.family === 'IPv4' || (a.family === 'IPv6' && host !== '0.0.0.0')) urls.push(`http://${hostInUrl(a.address)}${suffix}`);
    }
  }
  return urls;
}

function displayDir() {
  const relative = path.relative(process.cwd(), dir);
  if (relative === '') return './';
  return relative.startsWith('..') || path.isAbsolute(relative) ? `${dir}/` : `${relative}/`;
}

server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`serve-static: port ${port} is in use on ${host}; choose another with --port`);
    process.exit(1);
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') {
    console.error(`serve-static: --host "${host}" is not an address of this machine (${error.code})`);
    process.exit(2);
  }
  if (error.code === 'EACCES') {
    console.error(`serve-static: not allowed to listen on port ${port} on ${host}; choose another with --port`);
    process.exit(1);
  }
  console.error(`serve-static: cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, host.replace(/^\[(.*)\]$/, '$1'), () => {
  const [first, ...others] = servedUrls(server.address().port);
  console.log(`Serving ${displayDir()} at ${first}`);
  for (const url of others) console.log(`  also at ${url}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
