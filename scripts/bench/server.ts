/** The plain static server (scripts/serve-static.mjs: files, application/wasm, range requests) on its own port. */
import { spawn, type ChildProcess } from 'node:child_process';

export async function startServer(dir: string, base: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve-static.mjs', '--dir', dir, '--base', base, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const url = `http://127.0.0.1:${port}${base}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`static server exited (${child.exitCode}); is port ${port} in use?`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`static server did not answer at ${url}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (child.exitCode === null) child.kill('SIGKILL');
        }, 3000);
      })
  };
}
