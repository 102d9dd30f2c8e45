/**
 * File-system failures told in words: which path, what went wrong, what to do. Node's errors
 * (EACCES, ENOSPC …) and DuckDB's IO errors ("IO Error: Cannot open file "…": Permission denied")
 * become a PathError, which the command-line tools print as one message without a stack.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** A problem with a path that the user can fix; its message says where, what and what to do. */
export class PathError extends Error {
  constructor(
    readonly path: string,
    message: string,
    /** False when part of the output was written before the failure (the message says which). */
    readonly nothingWritten = true
  ) {
    super(message);
  }
}

export type FsAction = 'read' | 'write' | 'create' | 'open';

export interface FsContext {
  /** The path to name, when the one in the error is an internal (temporary) one. */
  path?: string;
  /** What was being done; default from the failing system call. */
  action?: FsAction;
  /** What the path is, e.g. "the lock file", "district boundaries". */
  subject?: string;
}

interface Problem {
  what: string;
  /** What to do when reading, and when writing; `dir` is the folder the path is in. */
  read: string;
  write: (dir: string) => string;
  /** When the call does not say whether it read or wrote (Node's `open`); default `read`. */
  open?: string;
}

const mayWrite = (dir: string) => `choose a folder you may write to, or get write permission on ${dir}`;

const PROBLEMS: Record<string, Problem> = {
  EACCES: {
    what: 'permission denied',
    read: 'make sure you may read it (check its permissions and those of its folders)',
    write: mayWrite,
    open: 'check its permissions and those of its folders'
  },
  EPERM: {
    what: 'the operation is not permitted',
    read: 'make sure you may read it (check its permissions and those of its folders)',
    write: (dir) => `${mayWrite(dir)} (on Windows, also close any program that has it open)`,
    open: 'check its permissions and those of its folders (on Windows, also close any program that has it open)'
  },
  EROFS: {
    what: 'the disk is read-only',
    read: 'check the disk',
    write: () => 'choose a folder on a writable disk',
    open: 'choose a writable disk'
  },
  ENOSPC: {
    what: 'the disk is full',
    read: 'free some space',
    write: () => 'free some space, or choose a folder on another disk',
    open: 'free some space, or choose another disk'
  },
  EDQUOT: {
    what: 'your disk quota is used up',
    read: 'free some space',
    write: () => 'free some space, or choose a folder on another disk',
    open: 'free some space, or choose another disk'
  },
  EISDIR: { what: 'it is a folder, not a file', read: 'name a file inside it', write: () => 'name a file, not a folder' },
  ENOENT: { what: 'it does not exist', read: 'check the path and its spelling', write: () => 'check the path' },
  EBUSY: {
    what: 'it is in use by another program',
    read: 'close that program (e.g. Excel or WPS) and run again',
    write: () => 'close that program (e.g. Excel or WPS) and run again'
  },
  ENAMETOOLONG: { what: 'the path is too long', read: 'use a shorter path', write: () => 'use a shorter path' },
  ELOOP: { what: 'its symbolic links go round in a loop', read: 'fix the links', write: () => 'fix the links' },
  EMFILE: {
    what: 'too many files are open',
    read: 'close other programs and run again',
    write: () => 'close other programs and run again'
  },
  ENFILE: {
    what: 'too many files are open',
    read: 'close other programs and run again',
    write: () => 'close other programs and run again'
  },
  EIO: { what: 'the disk reported an input/output error', read: 'check the disk', write: () => 'check the disk, or choose another one' }
};

/** DuckDB reports the C library's text instead of a code. */
const STRERROR: Record<string, string> = {
  'Permission denied': 'EACCES',
  'Operation not permitted': 'EPERM',
  'Read-only file system': 'EROFS',
  'No space left on device': 'ENOSPC',
  'Disk quota exceeded': 'EDQUOT',
  'Not a directory': 'ENOTDIR',
  'Is a directory': 'EISDIR',
  'No such file or directory': 'ENOENT',
  'Device or resource busy': 'EBUSY',
  'File name too long': 'ENAMETOOLONG',
  'Input/output error': 'EIO'
};

const READ_CALLS = new Set(['read', 'scandir', 'stat', 'lstat', 'readlink', 'access', 'opendir']);

interface FsFailure {
  code: string;
  /** Missing when the call worked on an open file (read, write). */
  path?: string;
  action: FsAction;
}

function failureOf(err: unknown): FsFailure | null {
  if (!(err instanceof Error)) return null;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code === 'string' && (e.code in PROBLEMS || e.code === 'ENOTDIR') && typeof e.syscall === 'string') {
    const action: FsAction = e.syscall === 'open' ? 'open' : READ_CALLS.has(e.syscall) ? 'read' : 'write';
    return { code: e.code, path: e.path, action };
  }
  const duck =
    /^IO Error: (Cannot open|Could not read|Could not write|Cannot create|Could not create|Could not remove)[^"]*"([^"]+)": ([^\n]+)/.exec(
      err.message
    );
  const code = duck && STRERROR[duck[3].trim()];
  if (!duck || !code) return null;
  return { code, path: duck[2], action: duck[1] === 'Could not read' ? 'read' : duck[1] === 'Cannot open' ? 'open' : 'write' };
}

/** The first existing part of `p` that is a file, which makes the rest of `p` impossible. */
function fileInTheWay(p: string): string | null {
  for (let dir = path.resolve(p); ; dir = path.dirname(dir)) {
    try {
      if (!statSync(dir).isDirectory()) return dir;
    } catch {
      // missing or itself under a file: look further up
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** What went wrong and what to do, e.g. "permission denied; make sure you may read it …"; null when it is no file-system error. */
export function fsReason(err: unknown, action?: FsAction, where?: string): string | null {
  const failure = failureOf(err);
  if (!failure) return null;
  const act = action ?? failure.action;
  if (failure.code === 'ENOTDIR') {
    const file = fileInTheWay(failure.path ?? where ?? '');
    return `${file ? `${file} is a file, not a folder` : 'a part of the path is a file, not a folder'}; check the path`;
  }
  const p = PROBLEMS[failure.code];
  const dir = path.dirname(path.resolve(where ?? failure.path ?? '.'));
  if (failure.code === 'ENOENT' && (act === 'write' || act === 'create'))
    return existsSync(dir)
      ? `${dir} takes no new files (a system folder); choose another folder`
      : `the folder ${dir} does not exist; create it first, or check the path`;
  return `${p.what}; ${act === 'read' ? p.read : act === 'open' ? (p.open ?? p.read) : p.write(dir)}`;
}

/**
 * The error as a PathError naming the path (or `ctx.path`), what went wrong and what to do; null
 * when it is not a file-system error (a bug, a validation error …), which the caller rethrows.
 */
export function explainFsError(err: unknown, ctx: FsContext = {}): PathError | null {
  if (err instanceof PathError) return err;
  const failure = failureOf(err);
  if (!failure) return null;
  const where = ctx.path ?? failure.path;
  const action = ctx.action ?? failure.action;
  const what = [ctx.subject, where].filter(Boolean).join(' ');
  return new PathError(where ?? '', `cannot ${action}${what ? ` ${what}` : ''}: ${fsReason(err, action, where)}`);
}

/** `explainFsError` or, when it is no file-system error, the error itself. */
export function asPathError(err: unknown, ctx: FsContext = {}): unknown {
  return explainFsError(err, ctx) ?? err;
}
