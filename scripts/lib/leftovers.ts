/**
 * The hidden siblings a dataset write makes beside its output folder (`.<name>.tmp-<pid>-<ms>-<n>`:
 * the new dataset being filled, or the lock's content before it is linked into place;
 * `.<name>.old-<pid>-<ms>-<n>`: the previous dataset while it is swapped out), and their recovery
 * when a run was killed and left them behind.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { asPathError } from './fs-errors.ts';

export type LeftoverKind = 'tmp' | 'old';

let sequence = 0;

/** A fresh sibling path of `outDir` of this kind, named after this process. */
export function leftoverPath(outDir: string, kind: LeftoverKind, suffix = ''): string {
  const target = path.resolve(outDir);
  // the sequence keeps two names made in the same millisecond apart
  return path.join(path.dirname(target), `.${path.basename(target)}.${kind}-${process.pid}-${Date.now()}-${sequence++}${suffix}`);
}

/** Whether a process with this id runs on this host (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Leftover {
  name: string;
  kind: LeftoverKind;
  pid: number;
  ms: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The leftovers beside `outDir` of processes no longer running. */
export function deadLeftovers(outDir: string): Leftover[] {
  const target = path.resolve(outDir);
  const pattern = new RegExp(`^\\.${escape(path.basename(target))}\\.(tmp|old)-(\\d+)-(\\d+)(?:-\\d+)?(?:\\.lock)?$`);
  const found: Leftover[] = [];
  for (const name of readdirSync(path.dirname(target))) {
    const m = pattern.exec(name);
    if (m && !isRunning(Number(m[2]))) found.push({ name, kind: m[1] as LeftoverKind, pid: Number(m[2]), ms: Number(m[3]) });
  }
  return found;
}

/**
 * Cleans up after runs that were killed while writing `outDir`. Call it only while holding the
 * dataset's lock, so that no live writer owns what it removes. A run killed between moving the
 * old dataset aside and moving the new one in left no `outDir` but an `.old-` copy: that copy is
 * put back, as the last complete dataset.
 */
export function recoverLeftovers(outDir: string, warn: (message: string) => void): void {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  try {
    const leftovers = deadLeftovers(target).sort((a, b) => b.ms - a.ms);
    const old = leftovers.find((l) => l.kind === 'old');
    if (old && !existsSync(target)) {
      renameSync(path.join(parent, old.name), target);
      leftovers.splice(leftovers.indexOf(old), 1);
      warn(`${target} was missing: a run killed while replacing it had moved it to ${old.name}; put it back`);
    }
    for (const l of leftovers) rmSync(path.join(parent, l.name), { recursive: true, force: true });
    if (leftovers.length) {
      const names = leftovers.map((l) => l.name).join(', ');
      warn(`removed what ${leftovers.length === 1 ? 'a run' : 'runs'} that did not finish left in ${parent}: ${names}`);
    }
  } catch (err) {
    throw asPathError(err);
  }
}
