/**
 * An nginx of its own (no root, no system config) serving the e2e build under /command-map with
 * exactly the README's location block (scripts/hosting/nginx-location.conf), for the specs that
 * check hosting. Started before a describe block's tests and stopped after them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_BUILD_DIR } from '../../playwright.config.ts';
import { waitForServer } from './wait-for-server.ts';

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
export const NO_NGINX = 'nginx is not installed (apt-get install nginx); .ci/run installs it so CI always runs this';

export interface NginxServer {
  origin: string;
  stop(): void;
}

function configure(dir: string, port: number): string {
  mkdirSync(path.join(dir, 'www'));
  symlinkSync(path.resolve(E2E_BUILD_DIR), path.join(dir, 'www', 'command-map'));
  const block = readFileSync('scripts/hosting/nginx-location.conf', 'utf8').replace('root /srv/www;', `root ${dir}/www;`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join('\n');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    // As root, nginx's workers would drop to an account that cannot read this checkout.
    `${process.getuid?.() === 0 ? 'user root root;' : ''}
daemon off; pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  ${temp}
  server {
    listen 127.0.0.1:${port};
    ${block}
  }
}`
  );
  return conf;
}

/** Starts nginx on `port` and resolves once it answers. */
export async function startNginx(port: number): Promise<NginxServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cm-nginx-'));
  const conf = configure(dir, port);
  execFileSync(NGINX!, ['-t', '-p', dir, '-c', conf], { stdio: 'pipe' });
  const proc: ChildProcess = spawn(NGINX!, ['-p', dir, '-c', conf], { stdio: 'inherit' });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForServer(`${origin}/command-map/`, proc, 'nginx');
  } catch (err) {
    stop();
    throw err;
  }
  return { origin, stop };
}
