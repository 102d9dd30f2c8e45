/**
 * One writer per dataset. A lock file beside the output folder (`<out>.lock`) names the process
 * holding it (pid, host, start time, command); it is linked into place complete, so no reader
 * ever sees it half written. A second writer is refused; a lock whose process no longer runs on
 * this host is taken over with a warning. The lock goes in `finally`, and on SIGINT, SIGTERM and
 * SIGHUP before the process ends.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetTarget } from './dataset-target.ts';
import { asPathError, PathError } from './fs-errors.ts';
import { isRunning, leftoverPath, recoverLeftovers } from './leftovers.ts';

export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the run started. */
  started: string;
  /** What holds it, in words: "ingest", "data generator". */
  tool: string;
  command: string;
}

export interface LockOptions {
  tool: string;
  /** Told when a stale lock is taken over or an unfinished run's leftovers are cleaned up. */
  warn: (message: string) => void;
  /** Recorded in the lock; default this process's command line. */
  command?: string;
}

export interface DatasetLock {
  file: string;
  release(): void;
}

/** The lock file of the dataset written to `outDir`. */
export const lockFileOf = (outDir: string): string => `${path.resolve(outDir)}.lock`;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Local time, to the second, as people read it in a message. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The lock's owner; undefined when there is no lock (any more), 'unreadable' when it names none. */
function readOwner(file: string): LockOwner | 'unreadable' | undefined {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw asPathError(err, { action: 'read', subject: 'the lock file' });
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isInteger(o.pid) && typeof o.host === 'string' && typeof o.started === 'string') return o as LockOwner;
  } catch {
    // not JSON: reported as a lock that names no owner
  }
  return 'unreadable';
}

function busy(outDir: string, file: string, owner: LockOwner | 'unreadable'): PathError {
  const target = path.resolve(outDir);
  if (owner === 'unreadable')
    return new PathError(
      target,
      `${file} exists but does not say which run holds it: if no ingest or data generator is writing ${target}, remove ${file} and run again`
    );
  const on = owner.host === os.hostname() ? '' : ` on host ${owner.host}`;
  return new PathError(
    target,
    `another ${owner.tool || 'run'} (pid ${owner.pid}${on}, started at ${localTime(owner.started)}) is writing ${target}; ` +
      `wait for it to finish or, if it is no longer running, remove ${file} and run again`
  );
}

/** Links a complete lock file into place; false when one exists already. */
function tryCreate(outDir: string, file: string, text: string): boolean {
  const staged = leftoverPath(outDir, 'tmp', '.lock');
  try {
    writeFileSync(staged, text, { flag: 'wx' });
    try {
      linkSync(staged, file);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // file systems without hard links (FAT, some network shares): create it in place instead
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
      writeFileSync(file, text, { flag: 'wx' });
      return true;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw asPathError(err, { path: file, action: 'create', subject: 'the lock file' });
  } finally {
    rmSync(staged, { force: true });
  }
}

/**
 * Removes the lock of a process that no longer runs. A guard file makes this one process's
 * doing: two runs that both found the stale lock would otherwise each remove it, the second
 * removing the first one's fresh lock.
 */
function takeOver(outDir: string, file: string, stale: LockOwner): void {
  const guard = `${file}.takeover`;
  try {
    writeFileSync(guard, JSON.stringify({ pid: process.pid, host: os.hostname() }), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new PathError(
        path.resolve(outDir),
        `another run is taking over the stale lock ${file} right now; run again in a moment or, if none is running, remove ${guard}`
      );
    throw asPathError(err, { path: guard, action: 'create', subject: 'the lock file' });
  }
  try {
    const now = readOwner(file);
    if (now && now !== 'unreadable' && now.pid === stale.pid && now.started === stale.started) unlinkSync(file);
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Takes the lock of the dataset at `outDir` or throws a PathError naming who holds it. */
export function acquireDatasetLock(outDir: string, o: LockOptions): DatasetLock {
  const file = lockFileOf(outDir);
  const me: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
    tool: o.tool,
    command: o.command ?? process.argv.slice(1).join(' ')
  };
  const text = JSON.stringify(me, null, 2) + '\n';
  let held = false;
  const release = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    if (!held) return;
    held = false;
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {
      // already gone, or unreadable: nothing of ours to remove
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    release();
    process.kill(process.pid, signal);
  };
  // before the lock exists, so that a signal arriving right after it is made still removes it
  for (const s of SIGNALS) process.once(s, onSignal);
  let stale: LockOwner | null = null;
  try {
    for (let attempt = 0; !held; attempt++) {
      if (tryCreate(outDir, file, text)) {
        held = true;
        continue;
      }
      const owner = readOwner(file);
      if (owner === undefined && attempt < 5) continue;
      if (owner === undefined || owner === 'unreadable' || owner.host !== me.host || isRunning(owner.pid) || attempt >= 5)
        throw busy(outDir, file, owner ?? 'unreadable');
      takeOver(outDir, file, owner);
      stale = owner;
    }
  } catch (err) {
    release();
    throw err;
  }
  if (stale)
    o.warn(
      `took over ${file}: the ${stale.tool || 'run'} that held it (pid ${stale.pid}, started at ${localTime(stale.started)}) is no longer running`
    );
  return { file, release };
}

/**
 * Runs `write` holding the dataset's lock: refuses an output that is not a dataset's first (before
 * anything is made beside it), then cleans up what killed runs left, and releases the lock after.
 */
export async function withDatasetLock<T>(outDir: string, o: LockOptions, write: () => Promise<T>): Promise<T> {
  const target = path.resolve(outDir);
  datasetTarget(target);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
  } catch (err) {
    throw asPathError(err, { path: path.dirname(target), action: 'create', subject: 'the folder' });
  }
  const lock = acquireDatasetLock(target, o);
  try {
    recoverLeftovers(target, o.warn);
    return await write();
  } finally {
    lock.release();
  }
}
