/** File-system errors in words (scripts/lib/fs-errors.ts), and the one line an unexpected error gets (cli.ts). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unexpected } from '../../../scripts/ingest/cli.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { explainFsError, PathError } from '../../../scripts/lib/fs-errors.ts';
import { tempDir } from './fixtures.ts';

/** An error shaped as Node makes them (code, syscall, path), for codes a test cannot provoke as root. */
const nodeError = (code: string, syscall: string, file: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });

describe('file-system errors say where, what went wrong and what to do', () => {
  it.each([
    [
      'EACCES',
      'mkdir',
      'cannot write /srv/data/e: permission denied; choose a folder you may write to, or get write permission on /srv/data'
    ],
    [
      'EPERM',
      'rename',
      'cannot write /srv/data/e: the operation is not permitted; choose a folder you may write to, or get write permission on /srv/data (on Windows, also close any program that has it open)'
    ],
    ['EROFS', 'mkdir', 'cannot write /srv/data/e: the disk is read-only; choose a folder on a writable disk'],
    ['ENOSPC', 'write', 'cannot write /srv/data/e: the disk is full; free some space, or choose a folder on another disk'],
    ['EDQUOT', 'write', 'cannot write /srv/data/e: your disk quota is used up; free some space, or choose a folder on another disk'],
    ['EISDIR', 'open', 'cannot open /srv/data/e: it is a folder, not a file; name a file inside it'],
    ['ENOENT', 'scandir', 'cannot read /srv/data/e: it does not exist; check the path and its spelling'],
    ['EBUSY', 'rename', 'cannot write /srv/data/e: it is in use by another program; close that program (e.g. Excel or WPS) and run again'],
    ['EACCES', 'open', 'cannot open /srv/data/e: permission denied; check its permissions and those of its folders']
  ])('%s from %s', (code, syscall, message) => {
    const e = explainFsError(nodeError(code, syscall, '/srv/data/e'));
    expect(e).toBeInstanceOf(PathError);
    expect(e!.message).toBe(message);
  });

  it('names the file standing where a folder should be (ENOTDIR), from a real error', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'data'), '');
    let err: unknown;
    try {
      writeFileSync(path.join(dir, 'data', 'e.lock'), '');
    } catch (e) {
      err = e;
    }
    expect(explainFsError(err, { subject: 'the lock file' })!.message).toBe(
      `cannot open the lock file ${dir}/data/e.lock: ${dir}/data is a file, not a folder; check the path`
    );
  });

  it('reads DuckDB’s IO errors too (a real disk-full write to /dev/full)', async () => {
    const conn = await openDuckDB();
    let err: unknown;
    try {
      await conn.run(`COPY (SELECT 1 AS a) TO '/dev/full' (FORMAT parquet)`);
    } catch (e) {
      err = e;
    } finally {
      conn.closeSync();
    }
    expect(explainFsError(err, { path: '/srv/data/e', subject: 'the dataset' })!.message).toBe(
      'cannot write the dataset /srv/data/e: the disk is full; free some space, or choose a folder on another disk'
    );
  });

  it('leaves other errors alone (a bug is not a file-system problem)', () => {
    expect(explainFsError(new TypeError("Cannot read properties of undefined (reading 'zh')"))).toBeNull();
    expect(explainFsError('ENOSPC')).toBeNull();
  });
});

describe('an unexpected error', () => {
  const err = new TypeError("Cannot read properties of undefined (reading 'zh')\n    more detail");
  const argv = ['附表1.xlsx', '--dataset', 'e'];

  it('is one line and a request to report it with the command, without a stack', () => {
    expect(unexpected(err, argv, false)).toBe(
      [
        "error: TypeError: Cannot read properties of undefined (reading 'zh')",
        'This is a bug in the ingest; please report it with the command: npm run ingest -- 附表1.xlsx --dataset e',
        '(INGEST_DEBUG=1 shows where it happened)'
      ].join('\n')
    );
  });

  it('shows the stack with INGEST_DEBUG=1', () => {
    expect(unexpected(err, argv, true)).toContain(err.stack!);
  });
});
