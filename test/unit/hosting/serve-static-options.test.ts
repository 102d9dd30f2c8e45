/**
 * The plain static server (`scripts/serve-static.mjs`, behind `npm run preview`, the e2e tests and
 * the benchmarks) as a user meets it: its command line, the address it listens on, the 404 page,
 * the traversal guard and what it already did (MIME types, ranges, HEAD, index files, redirects).
 * Every test starts the real script as a child process on a port the system picks (or a free one)
 * and makes real HTTP requests.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import {
  body,
  children,
  freePort,
  makeSites,
  NOT_FOUND_PAGE,
  oneLine,
  rawRequest,
  run,
  serve,
  stopChild,
  type Served
} from './serve-static-harness.ts';

let root: string;
/** A build: index.html, 404.html, a binary, a .wasm, a .mjs and a folder with an index. */
let site: string;
/** A folder without a 404.html. */
let plain: string;
let removeSites: () => void;

beforeAll(() => {
  ({ root, site, plain, remove: removeSites } = makeSites());
});

afterEach(async () => {
  await Promise.all([...children].map(stopChild));
});

afterAll(() => removeSites());

describe('serve-static: options on the command line', () => {
  it('a --port after the script’s own one wins, as `npm run preview -- --port N` passes it', async () => {
    const port = await freePort();
    const server = await serve(['--dir', site, '--base', '', '--port', '4173', '--port', String(port)]);
    expect(server.port).toBe(port);
    expect((await fetch(`http://127.0.0.1:${port}/file.bin`)).status).toBe(200);
  });

  it('the --port=N form sets the port', async () => {
    const port = await freePort();
    const server = await serve(['--dir', site, `--port=${port}`]);
    expect(server.port).toBe(port);
  });

  it('a later --dir, --base and --host replace earlier ones', async () => {
    const server = await serve([
      '--dir',
      path.join(root, 'missing'),
      '--base',
      '/first',
      '--host',
      '203.0.113.77',
      '--port',
      '0',
      '--dir',
      site,
      '--base=/second',
      '--host=127.0.0.1'
    ]);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/second/`);
    expect((await fetch(`${server.url}file.bin`)).status).toBe(200);
  });

  it('--help lists every option with its default and exits 0, even after other options', async () => {
    const { code, stdout } = await run(['--dir', 'build', '--base', '', '--port', '4173', '--help']);
    expect(code).toBe(0);
    for (const option of ['--dir <folder>', '--base <path>', '--port <n>', '--host <addr>', '--help']) expect(stdout).toContain(option);
    for (const fallback of ['Default: build', 'Default: none', 'Default: 4173', 'Default: 127.0.0.1']) expect(stdout).toContain(fallback);
  });

  it('prints the folder and the URL it serves on start', async () => {
    const server = await serve(['--dir', 'site', '--base', '/command-map', '--port', '0'], { cwd: root });
    expect(oneLine(server.stdout())).toEqual([`Serving site/ at http://127.0.0.1:${server.port}/command-map/`]);
  });
});

describe('serve-static: the address it listens on', () => {
  // On Linux all of 127.0.0.0/8 is loopback: 127.0.0.2 reaches a server on 0.0.0.0, not one on 127.0.0.1.
  it.runIf(process.platform === 'linux')('listens on 127.0.0.1 only by default', async () => {
    const server = await serve(['--dir', site, '--port', '0']);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    await expect(fetch(`http://127.0.0.2:${server.port}/`)).rejects.toThrow();
  });

  it.runIf(process.platform === 'linux')('--host 0.0.0.0 answers on the machine’s other addresses too', async () => {
    const server = await serve(['--dir', site, '--port', '0', '--host', '0.0.0.0']);
    expect((await fetch(`http://127.0.0.2:${server.port}/file.bin`)).status).toBe(200);
  });
});

describe('serve-static: bad option values', () => {
  it.each(['abc', '65536', '-1', '80.5', '', '4173x'])('a --port of "%s" exits with code 2 and one line naming it', async (value) => {
    const { code, stderr } = await run(['--dir', site, '--port', value]);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toHaveLength(1);
    expect(stderr).toContain(`--port "${value}"`);
  });

  it('a --dir that does not exist exits with code 2 and one line naming it', async () => {
    const missing = path.join(root, 'no-such-build');
    const { code, stderr } = await run(['--dir', missing, '--port', '0']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toEqual([expect.stringContaining(`--dir "${missing}" does not exist`)]);
  });

  it('an unknown option exits with code 2 and one line naming it', async () => {
    const { code, stderr } = await run(['--dir', site, '--prot', '5000']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toEqual([expect.stringContaining('--prot')]);
  });

  it('an option without a value exits with code 2', async () => {
    const { code, stderr } = await run(['--dir', site, '--port']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toEqual([expect.stringContaining('--port needs a value')]);
  });

  it('a --host that is not an address of this machine exits with code 2 and one line naming it', async () => {
    const { code, stderr } = await run(['--dir', site, '--port', '0', '--host', '203.0.113.77']);
    expect(code).toBe(2);
    expect(oneLine(stderr)).toEqual([expect.stringContaining('--host "203.0.113.77"')]);
  });

  it('a port already in use exits with code 1 and says so in one line', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const { code, stderr } = await run(['--dir', site, '--port', String(port)]);
      expect(code).toBe(1);
      expect(oneLine(stderr)).toEqual([`serve-static: port ${port} is in use on 127.0.0.1; choose another with --port`]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('serve-static: requests', () => {
  let based: Served;
  let atRoot: Served;
  let noFallback: Served;

  beforeAll(async () => {
    // Shared by the tests below, so not stopped after each test.
    [based, atRoot, noFallback] = await Promise.all([
      serve(['--dir', site, '--base', '/command-map', '--port', '0'], { perTest: false }),
      serve(['--dir', site, '--port', '0'], { perTest: false }),
      serve(['--dir', plain, '--port', '0'], { perTest: false })
    ]);
  });
  afterAll(async () => {
    await Promise.all([based, atRoot, noFallback].map((s) => s?.stop()));
  });

  it('an unknown path gets the build’s 404.html with status 404 as text/html', async () => {
    const res = await fetch(`${based.url}no/such/page`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(NOT_FOUND_PAGE);
  });

  it('a path outside --base gets the 404 page', async () => {
    const res = await fetch(`http://127.0.0.1:${based.port}/file.bin`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(NOT_FOUND_PAGE);
  });

  it('HEAD of an unknown path gets status 404 and no body', async () => {
    const res = await rawRequest(based.port, '/command-map/missing.js', { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toBe('');
  });

  it('without a 404.html an unknown path gets a plain-text 404', async () => {
    const res = await fetch(`${noFallback.url}missing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/docs/../../secret.txt',
    '/docs/%2e%2e/%2e%2e/secret.txt'
  ])('never serves a file outside --dir: %s', async (rawPath) => {
    for (const [port, prefix] of [
      [atRoot.port, ''],
      [based.port, '/command-map']
    ] as const) {
      const res = await rawRequest(port, prefix + rawPath);
      expect(res.status).toBe(404);
      expect(res.text).toBe(NOT_FOUND_PAGE);
    }
  });

  it('a malformed percent-encoding in a range request is answered 400 and the server keeps running', async () => {
    const res = await rawRequest(based.port, '/command-map/%E0%A4%A', { headers: { range: 'bytes=-8' } });
    expect(res.status).toBe(400);
    expect((await fetch(`${based.url}file.bin`)).status).toBe(200);
  });

  it('serves .wasm as application/wasm', async () => {
    const res = await fetch(`${based.url}engine.wasm`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/wasm');
  });

  it('serves .mjs as text/javascript', async () => {
    const res = await fetch(`${based.url}worker.mjs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript');
  });

  it('redirects the base path without its slash to the base path with it, keeping the query', async () => {
    const res = await fetch(`http://127.0.0.1:${based.port}/command-map?view=map`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/command-map/?view=map');
  });

  it('serves a folder from its index.html', async () => {
    const res = await fetch(`${based.url}docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>docs</title>');
  });

  it('serves the site’s index.html at the base path', async () => {
    const res = await fetch(based.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>home</title>');
  });

  it('HEAD of a file gives its length and no body', async () => {
    const res = await rawRequest(based.port, '/command-map/file.bin', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(body.length));
    expect(res.text).toBe('');
  });

  it('a range starting past the end of the file is answered 416', async () => {
    const res = await fetch(`${based.url}file.bin`, { headers: { range: 'bytes=5000-' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${body.length}`);
  });

  it('a suffix range of zero bytes is answered 416', async () => {
    const res = await fetch(`${based.url}file.bin`, { headers: { range: 'bytes=-0' } });
    expect(res.status).toBe(416);
  });

  it('a Range header that is not a byte range is ignored and the whole file sent', async () => {
    const res = await fetch(`${based.url}file.bin`, { headers: { range: 'items=0-5' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
  });
});

describe('serve-static: robustness', () => {
  it('a file removed after start fails that one response and the server keeps running', async () => {
    const dir = path.join(root, 'rebuilt');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'gone.bin'), body);
    writeFileSync(path.join(dir, 'kept.bin'), body);
    const server = await serve(['--dir', dir, '--port', '0']);
    unlinkSync(path.join(dir, 'gone.bin'));
    const outcome = await fetch(`${server.url}gone.bin`)
      .then((r) => r.arrayBuffer())
      .then(
        () => 'complete',
        () => 'failed'
      );
    expect(outcome).toBe('failed');
    expect((await fetch(`${server.url}kept.bin`)).status).toBe(200);
  });
});
