/**
 * What a dataset write may replace. It replaces its output folder as a whole, so the folder must
 * not exist yet, be empty, or be a dataset folder: one with a meta.json naming a dataset id, as
 * every dataset writer (ingest, generator, benchmark) leaves. Anything else — a file, a link, a
 * folder of other things such as a home folder or `src` — is refused.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { asPathError, PathError } from './fs-errors.ts';

export type DatasetTarget = 'absent' | 'empty' | 'dataset';

/** Why `dir` (an existing folder) is not a dataset folder, or null when it is one. */
export function notADataset(dir: string): string | null {
  const file = path.join(dir, 'meta.json');
  if (!existsSync(file)) return 'no meta.json';
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) return 'its meta.json is not JSON';
    throw asPathError(err, { action: 'read' });
  }
  const id = (meta as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? null : 'its meta.json names no dataset id';
}

function sample(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown}, …` : shown;
}

/** Classifies `outDir`; throws a PathError saying what to do when writing there would destroy something. */
export function datasetTarget(outDir: string): DatasetTarget {
  const target = path.resolve(outDir);
  let stat;
  try {
    stat = lstatSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw asPathError(err, { path: target, action: 'write', subject: 'the output folder' });
  }
  if (stat.isSymbolicLink()) {
    let real = 'a missing target';
    try {
      real = realpathSync(target);
    } catch {
      // a dangling link: named as such
    }
    throw new PathError(
      target,
      `${target} is a symbolic link (to ${real}): a dataset write replaces the folder itself, so it would replace the link; name the folder it points to, or a new folder`
    );
  }
  if (!stat.isDirectory())
    throw new PathError(
      target,
      `${target} exists and is a file, not a dataset folder: writing the dataset there would delete it; choose a new folder, or move the file away`
    );
  let names;
  try {
    names = readdirSync(target).sort();
  } catch (err) {
    throw asPathError(err, { path: target, action: 'read', subject: 'the output folder' });
  }
  if (!names.length) return 'empty';
  const why = notADataset(target);
  if (!why) return 'dataset';
  throw new PathError(
    target,
    `${target} is not a dataset folder (${why}) and holds ${names.length} ${names.length === 1 ? 'entry' : 'entries'} (${sample(names)}): ` +
      `writing the dataset there would delete ${names.length === 1 ? 'it' : 'them'}; choose a new or empty folder, or an existing dataset's folder`
  );
}

/**
 * Refuses files the run reads or writes that lie inside `outDir`: the write replaces the folder
 * as a whole, so they would be deleted with it. `keep` are files of the dataset itself.
 */
export function assertOutside(outDir: string, files: { file: string; what: string }[], keep: string[] = []): void {
  const target = path.resolve(outDir);
  const kept = new Set(keep.map((f) => path.resolve(f)));
  for (const { file, what } of files) {
    const abs = path.resolve(file);
    const rel = path.relative(target, abs);
    if (kept.has(abs) || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    throw new PathError(
      abs,
      `${file} (${what}) is inside the output folder ${target}, which a dataset write replaces as a whole, so it would be deleted; move it out of ${target} first`
    );
  }
}
