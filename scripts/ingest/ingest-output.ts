/** What the ingest writes besides the dataset, its failures told in words: the report file and the app's dataset list (index.json). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeIndex } from '../generate/index-file.ts';
import { asPathError, PathError } from '../lib/fs-errors.ts';

/** Writes the --report file. */
export async function writeReportFile(file: string, report: unknown): Promise<void> {
  try {
    await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  } catch (err) {
    throw asPathError(err, { path: file, action: 'write', subject: 'the report' });
  }
}

/** Rebuilds index.json beside the written dataset; a failure says the dataset itself was written. */
export async function updateIndex(outDir: string): Promise<void> {
  const dataDir = path.dirname(outDir);
  try {
    await writeIndex(dataDir);
  } catch (err) {
    const why = asPathError(err, { path: path.join(dataDir, 'index.json'), action: 'write', subject: 'the dataset list' });
    if (!(why instanceof PathError)) throw err;
    throw new PathError(
      why.path,
      `the dataset was written to ${outDir}, but the app's dataset list was not updated: ${why.message}`,
      false
    );
  }
}
