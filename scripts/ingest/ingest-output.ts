/**
 * Where the ingest writes, checked and told in words: the output folder may be replaced (and no
 * file the run reads lies inside it), the report file, and the app's dataset list (index.json).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeIndex } from '../generate/index-file.ts';
import { assertOutside, datasetTarget } from '../lib/dataset-target.ts';
import { asPathError, PathError } from '../lib/fs-errors.ts';

export interface OutputPaths {
  files: string[];
  districts?: string;
  zones?: string;
  reportFile?: string;
}

/** Refuses an output folder that is not a dataset's, or one holding a file this run reads or writes. */
export function checkOutput(outDir: string, o: OutputPaths): void {
  datasetTarget(outDir);
  const named = (file: string | undefined, what: string) => (file ? [{ file, what }] : []);
  const inputs = [
    ...o.files.map((file) => ({ file, what: 'an input' })),
    ...named(o.districts, '--districts'),
    ...named(o.zones, '--zones'),
    ...named(o.reportFile, '--report')
  ];
  assertOutside(outDir, inputs, [path.join(outDir, 'districts.geojson')]);
}

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
