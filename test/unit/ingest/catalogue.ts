/** The shape of one entry of the catalogue of bad inputs (./catalogue/README.md). */
import path from 'node:path';
import { tempDir, writeDistricts } from './fixtures.ts';

export interface CatalogueSetup {
  /** Temp folder holding the input, the districts file and (unless made) no output. */
  dir: string;
  /** `<dir>/out`, the default output folder. */
  out: string;
  /** A districts GeoJSON (fixtures' four districts) already written in `dir`. */
  districts: string;
}

export interface CatalogueRun {
  /** Arguments to the ingest after the defaults (see `defaultArgs`); may replace them with `bare`. */
  args: string[];
  /** When true, only `args` are passed (no --dataset/--out/--districts/--quiet). */
  bare?: boolean;
}

export interface CatalogueEntry {
  /** What the input is, as a clerk or a hostile-but-fair tester would describe it. */
  input: string;
  build(setup: CatalogueSetup): CatalogueRun | Promise<CatalogueRun>;
  /** Expected exit code: 0 ok, 1 invalid rows, 2 usage error or unreadable input. */
  code: 0 | 1 | 2;
  /** Every pattern must match the messages printed (stderr and stdout, joined). */
  message: RegExp[];
  /** Whether the output folder may exist afterwards (default: only when code is 0). */
  written?: boolean;
  /** Further checks on the result (files written, files left untouched…). */
  after?(setup: CatalogueSetup, printed: string): void | Promise<void>;
  /** Per-entry timeout in ms when the input is slow by nature (default: vitest's). */
  timeout?: number;
}

export function newSetup(): CatalogueSetup {
  const dir = tempDir('catalogue-');
  return { dir, out: path.join(dir, 'out'), districts: writeDistricts(dir) };
}

export function defaultArgs(s: CatalogueSetup): string[] {
  return ['--dataset', 'e', '--out', s.out, '--districts', s.districts];
}
