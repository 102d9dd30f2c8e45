/** Shared helpers for the demo-data tests: generate into a temp dir, query the Parquet back. */
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { parseArgs, run } from '../../../scripts/generate/cli.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';

export const DEMO_IDS = ['liuzhou-2022', 'guiyang-2021', 'county-2023', 'jiujiang-2021-2023', 'lishui-2018'];

const temps: string[] = [];

/** A fresh temporary directory, removed by removeTemps(). */
export function tempDir(prefix = 'cm-data-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Generates every demo dataset into a fresh temporary directory and returns it. */
export async function generateDemo(seed?: number): Promise<string> {
  const dir = tempDir();
  const args = ['--out', dir, '--force'];
  if (seed !== undefined) args.push('--seed', String(seed));
  await run(parseArgs(args), () => {});
  return dir;
}

export class Db {
  private constructor(
    private conn: DuckDBConnection,
    private dir: string
  ) {}

  static async open(dir: string): Promise<Db> {
    return new Db(await openDuckDB(), dir);
  }

  /** Path of a dataset file, quoted for SQL. */
  f(id: string, file: 'projects' | 'monthly' | 'problems'): string {
    return `read_parquet('${path.join(this.dir, id, `${file}.parquet`).replaceAll("'", "''")}')`;
  }

  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const r = await this.conn.runAndReadAll(sql);
    return r.getRowObjectsJson() as T[];
  }

  async one<T = Record<string, unknown>>(sql: string): Promise<T> {
    return (await this.rows<T>(sql))[0];
  }

  meta(id: string): DatasetMeta {
    return JSON.parse(readFileSync(path.join(this.dir, id, 'meta.json'), 'utf8')) as DatasetMeta;
  }

  geojson(
    id: string
  ): GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon, { code: string; name: string; label: [number, number] }> {
    return JSON.parse(readFileSync(path.join(this.dir, id, 'districts.geojson'), 'utf8'));
  }

  close(): void {
    this.conn.closeSync();
  }
}

/** '707.89' (亿元) → '7078900.00' (万元), by string arithmetic. */
export function yiAsWan(yi: string): string {
  const [a, b = ''] = yi.split('.');
  return `${BigInt(a) * 10000n + BigInt(b.padEnd(2, '0')) * 100n}.00`;
}

/** Generates the demo datasets into a temp dir before a file's tests, opens them, cleans up after. */
export function useDemoDb(): { readonly db: Db } {
  const handle = {} as { db: Db };
  beforeAll(async () => {
    handle.db = await Db.open(await generateDemo());
  });
  afterAll(() => {
    handle.db?.close();
    removeTemps();
  });
  return handle;
}
