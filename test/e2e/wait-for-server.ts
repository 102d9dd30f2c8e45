/**
 * Waits until a server the test started answers `url`, polling, for as long as the test allows:
 * a slow machine only makes it wait longer. Fails at once if the server's process has exited.
 */
import type { ChildProcess } from 'node:child_process';

export async function waitForServer(url: string, proc: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`${what} exited (${proc.exitCode ?? proc.signalCode}) before answering ${url}`);
    const answered = await fetch(url).then(
      () => true,
      () => false
    );
    if (answered) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}
