/**
 * Running `scripts/serve-static.mjs` in tests: a small site to serve (index, 404 page, binary,
 * .wasm, .mjs, a folder with an index, and a secret outside it), the server started as a child
 * process and polled until it answers, and requests sent with their path exactly as written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCRIPT = fileURLToPath(new URL('../../../scripts/serve-static.mjs', import.meta.url));
export const NOT_FOUND_PAGE = '<!doctype html><title>Not found</title><p>fallback page of the build</p>\n';
export const SECRET = 'outside the served folder\n';
export const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

export interface Served {
  /** The first URL the server printed, e.g. http://127.0.0.1:41234/command-map/ */
  url: string;
  port: number;
  stdout: () => string;
  stop: () => Promise<void>;
}

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Servers a test started; stopped after each test. */
export const children = new Set<ChildProcess>();

export function launch(args: string[], { cwd, perTest = true }: { cwd?: string; perTest?: boolean } = {}) {
  const child = spawn(process.execPath, [SCRIPT, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  if (perTest) {
    children.add(child);
    child.once('exit', () => children.delete(child));
  }
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  return { child, out };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts the server and polls the URL it prints until it answers (any status). */
export async function serve(args: string[], options: { cwd?: string; perTest?: boolean } = {}): Promise<Served> {
  const { child, out } = launch(args, options);
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  for (;;) {
    url ??= /^Serving .* at (http:\/\/\S+)$/m.exec(out.stdout)?.[1];
    if (url) {
      try {
        await fetch(url, { method: 'HEAD' });
        break;
      } catch {
        // not answering yet
      }
    }
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}: ${out.stderr}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`the server did not answer; it printed: ${out.stdout}${out.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { url, port: Number(new URL(url).port), stdout: () => out.stdout, stop: () => stopChild(child) };
}

/** Runs the script expecting it to exit by itself. */
export function run(args: string[]): Promise<Exited> {
  const { child, out } = launch(args);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit; it printed: ${out.stdout}${out.stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ...out });
    });
  });
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A request whose path is sent exactly as written (fetch would resolve "..", "%2e%2e"). */
export function rawRequest(
  port: number,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string> } = {}
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      }
    );
    req.on('error', reject);
    req.end();
  });
}

export const oneLine = (text: string) => text.trim().split('\n');

/** The folders the tests serve, made in a fresh temporary folder. */
export function makeSites(): { root: string; site: string; plain: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'cm-serve-options-'));
  const site = path.join(root, 'site');
  const plain = path.join(root, 'plain');
  mkdirSync(path.join(site, 'docs'), { recursive: true });
  mkdirSync(plain);
  writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>home</title>\n');
  writeFileSync(path.join(site, '404.html'), NOT_FOUND_PAGE);
  writeFileSync(path.join(site, 'file.bin'), body);
  writeFileSync(path.join(site, 'engine.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(path.join(site, 'worker.mjs'), 'export {};\n');
  writeFileSync(path.join(site, 'docs', 'index.html'), '<!doctype html><title>docs</title>\n');
  writeFileSync(path.join(plain, 'index.html'), 'plain\n');
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  return { root, site, plain, remove: () => rmSync(root, { recursive: true, force: true }) };
}
