/**
 * The precomputed facts files (scripts/lib/facts-files.ts): the rows the browser would build,
 * one file per available month, row-group key ranges that find every row of a project, and
 * all of it inside the writers' atomic directory write.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs, run } from '../../../scripts/generate/cli.ts';
import { writeBench } from '../../../scripts/generate/bench.ts';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { rowGroupIndex, writeFactsFiles } from '../../../scripts/lib/facts-files.ts';
import { factsTableStatements } from '../../../src/lib/metrics/facts-table.ts';
import { availableMonths, metricRules } from '../../../src/lib/metrics/index.ts';
import { FACTS_COLUMNS, FACTS_SCHEMA, TABLES, columnsOf, factsFile, type DatasetMeta, type TableName } from '../../../src/lib/schema.ts';
import { openWasm } from '../db/engines.ts';
import { DEMO_IDS, generateDemo, removeTemps, tempDir } from './helpers.ts';

/** When set, the writers' connection fails the first statement that matches (test (d)); else a pass-through. */
const inject = vi.hoisted(() => ({ failOn: null as RegExp | null }));
vi.mock('../../../scripts/lib/facts-files.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../scripts/lib/facts-files.ts')>();
  const failing = (conn: DuckDBConnection, pattern: RegExp) =>
    new Proxy(conn, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key !== 'run') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string) => (pattern.test(sql) ? Promise.reject(new Error(`injected failure: ${sql.slice(0, 60)}`)) : target.run(sql));
      }
    });
  return {
    ...real,
    writeFactsFiles: (conn: DuckDBConnection, dir: string, meta: DatasetMeta) =>
      real.writeFactsFiles(inject.failOn ? failing(conn, inject.failOn) : conn, dir, meta)
  };
});

let demo: string;
let node: DuckDBConnection;
beforeAll(async () => {
  demo = await generateDemo();
  node = await openDuckDB();
});
afterAll(() => {
  node?.closeSync();
  removeTemps();
});

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const meta = (dir: string): DatasetMeta => JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8'));
const rows = async (sql: string) => (await node.runAndReadAll(sql)).getRowObjectsJS();
const asText = FACTS_COLUMNS.map((c) => `CAST("${c}" AS VARCHAR) AS "${c}"`).join(', ');

describe('facts files of the demo datasets', () => {
  it('hold, for every month, exactly the facts duckdb-wasm builds in the browser', async () => {
    const dir = path.join(demo, 'liuzhou-2022');
    const m = meta(dir);
    const months = availableMonths(m.as_of, m.years);
    expect(months.length).toBeGreaterThanOrEqual(3);
    const wasm = await openWasm(dir);
    try {
      for (const month of months) {
        const file = lit(path.join(dir, factsFile(month.key)));
        const statements = factsTableStatements({ table: 'browser_facts', month, rules: metricRules(m.rule_preset), internal: true });
        await wasm.rows(statements.join(';\n'));
        // Qualified: the integer column, not its text alias (which would sort '10' before '2').
        const built = await wasm.rows(`SELECT ${asText} FROM browser_facts ORDER BY browser_facts.row_key`);
        // The file's own order, not re-sorted: it is written ordered by row_key.
        const written = (await rows(`SELECT ${asText} FROM read_parquet(${file})`)).map((r) => ({ ...r }));
        expect(built.length, month.key).toBeGreaterThan(900);
        expect(written, month.key).toEqual(built.map((r) => ({ ...r })));
        const described = await rows(`DESCRIBE SELECT * FROM read_parquet(${file})`);
        expect(described.map((r) => r.column_name)).toEqual([...FACTS_COLUMNS]);
        // The types the browser checks the file against (db/column-types.ts).
        expect(described.map((r) => `${r.column_name} ${r.column_type}`)).toEqual(FACTS_SCHEMA.map((c) => `${c.name} ${c.type}`));
        const browserTypes = await wasm.rows(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'browser_facts' ORDER BY ordinal_position`
        );
        expect(
          described.map((r) => r.column_type),
          month.key
        ).toEqual(browserTypes.map((r) => r.data_type));
      }
    } finally {
      wasm.close();
    }
  });

  it("key each row by its project's row index in projects.parquet", async () => {
    const dir = path.join(demo, 'liuzhou-2022');
    const month = availableMonths(meta(dir).as_of).at(-1)!;
    const [r] = await rows(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE f.row_key <> f.file_row_number OR p.file_row_number IS DISTINCT FROM f.row_key)::INTEGER AS bad
       FROM read_parquet(${lit(path.join(dir, factsFile(month.key)))}, file_row_number = true) f
       LEFT JOIN read_parquet(${lit(path.join(dir, TABLES.projects.file))}, file_row_number = true) p ON p.id = f.id`
    );
    expect(r.n).toBeGreaterThan(900);
    expect(r.bad).toBe(0);
  });

  it('of a public dataset come from the projects alone, internal columns NULL', async () => {
    const source = path.join(demo, 'county-2023');
    const dir = tempDir('cm-public-');
    const publicColumns = columnsOf('projects', 'public')
      .map((c) => `"${c}"`)
      .join(', ');
    await node.run(`COPY (SELECT ${publicColumns} FROM read_parquet(${lit(path.join(source, TABLES.projects.file))}))
      TO ${lit(path.join(dir, TABLES.projects.file))} (FORMAT parquet)`);
    copyFileSync(path.join(source, 'districts.geojson'), path.join(dir, 'districts.geojson'));
    const m = { ...meta(source), public: true };
    const written = await writeFactsFiles(node, dir, m);
    expect(written.facts_months).toEqual(availableMonths(m.as_of, m.years).map((x) => x.key));
    expect(Object.keys(written.row_groups)).toEqual(['projects']);
    const [r] =
      await rows(`SELECT count(*)::INTEGER AS n, count(completed_ytd)::INTEGER AS internal, count(DISTINCT row_key)::INTEGER AS keys
      FROM read_parquet(${lit(path.join(dir, factsFile(written.facts_months.at(-1)!)))})`);
    expect(r).toEqual({ n: 36, internal: 0, keys: 36 });
  });

  it.each(DEMO_IDS)('%s: facts_months lists every available month, each with its file', (id) => {
    const dir = path.join(demo, id);
    const m = meta(dir);
    const keys = availableMonths(m.as_of, m.years).map((x) => x.key);
    expect(m.facts_months).toEqual(keys);
    for (const key of keys) expect(existsSync(path.join(dir, factsFile(key))), key).toBe(true);
    expect(readdirSync(path.join(dir, 'facts')).sort()).toEqual(keys.map((k) => `${k}.parquet`));
    expect(Object.keys(m.row_groups ?? {})).toEqual(['projects', 'monthly', 'problems']);
  });
});

/** Row group of every row of `file`, from the file's own metadata. */
async function rowGroupOfRows(file: string): Promise<string> {
  const groups = await rows(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${lit(file)}) ORDER BY row_group_id`);
  let start = 0;
  const bounds = groups.map((g) => `(${g.row_group_id}, ${start}, ${(start += Number(g.row_group_num_rows))})`).join(', ');
  return `SELECT g.rg, t.* FROM read_parquet(${lit(file)}, file_row_number = true) t
    JOIN (VALUES ${bounds}) g(rg, lo, hi) ON t.file_row_number >= g.lo AND t.file_row_number < g.hi`;
}

function expectOrdered(ranges: [string, string][]): void {
  ranges.forEach(([lo, hi], i) => {
    expect(lo <= hi).toBe(true);
    // A key may end one group and start the next (its rows split between them), never more.
    if (i > 0) expect(ranges[i - 1][1] <= lo, `groups ${i - 1} and ${i}`).toBe(true);
  });
}

describe('row-group key ranges', () => {
  it('find every row of every project in a dataset with several row groups (bench, 11,000 projects)', async () => {
    const dir = path.join(tempDir('cm-bench-'), 'bench-11000');
    await writeBench(dir, { id: 'bench-11000', projects: 11_000, seed: 3 });
    const m = meta(dir);
    expect(m.row_groups?.monthly?.ranges.length).toBeGreaterThanOrEqual(2);
    for (const table of ['projects', 'monthly', 'problems'] as TableName[]) {
      const index = m.row_groups![table]!;
      const file = path.join(dir, TABLES[table].file);
      expect(index.key).toBe(table === 'projects' ? 'id' : 'project_id');
      expectOrdered(index.ranges);
      const pairs = await rows(`SELECT DISTINCT CAST(rg AS INTEGER) AS rg, "${index.key}" AS k FROM (${await rowGroupOfRows(file)})`);
      const [{ groups }] = await rows(`SELECT count(DISTINCT row_group_id)::INTEGER AS groups FROM parquet_metadata(${lit(file)})`);
      expect(index.ranges.length, table).toBe(groups);
      const outside = pairs.filter(({ rg, k }) => {
        const [lo, hi] = index.ranges[rg as number];
        return !(lo <= String(k) && String(k) <= hi);
      });
      expect(outside, table).toEqual([]);
      expect(new Set(pairs.map((p) => p.k)).size, table).toBeGreaterThan(1000);
    }
    expect(m.facts_months).toEqual(availableMonths(m.as_of).map((x) => x.key));
  });

  it('come from exact statistics, or from a scan when string statistics are truncated', async () => {
    const dir = tempDir('cm-rg-');
    // 7 rows a key, so keys straddle row groups; a 300-character prefix gets truncated statistics.
    const write = (name: string, prefix: string) =>
      node.run(
        `COPY (SELECT '${prefix}' || printf('K%06d', i // 7) AS k, i FROM range(300000) t(i) ORDER BY k, i)
         TO ${lit(path.join(dir, name))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`
      );
    const long = 'x'.repeat(300);
    await write('short.parquet', '');
    await write('long.parquet', long);
    const [{ exact }] = await rows(
      `SELECT bool_and(min_is_exact)::VARCHAR AS exact FROM parquet_metadata(${lit(path.join(dir, 'long.parquet'))})`
    );
    expect(exact).toBe('false');
    const short = await rowGroupIndex(node, path.join(dir, 'short.parquet'), 'k');
    const truncated = await rowGroupIndex(node, path.join(dir, 'long.parquet'), 'k');
    const truth = await rows(`SELECT rg, first(k ORDER BY file_row_number) AS lo, last(k ORDER BY file_row_number) AS hi
      FROM (${await rowGroupOfRows(path.join(dir, 'short.parquet'))}) GROUP BY rg ORDER BY rg`);
    expect(truth.length).toBe(3);
    expect(short.ranges).toEqual(truth.map((r) => [r.lo, r.hi]));
    expect(truncated.ranges).toEqual(short.ranges.map(([lo, hi]) => [long + lo, long + hi]));
    expect(short.ranges[0][1]).toBe(short.ranges[1][0]); // a key split between two groups
  });

  it('refuse a file not ordered by its key', async () => {
    const file = path.join(tempDir('cm-rg-'), 'unordered.parquet');
    await node.run(
      `COPY (SELECT printf('K%06d', (i * 7919) % 300000) AS k FROM range(300000) t(i)) TO ${lit(file)} (FORMAT parquet, ROW_GROUP_SIZE 122880)`
    );
    await expect(rowGroupIndex(node, file, 'k')).rejects.toThrow(/not ordered by k/);
  });
});

describe('a failure while writing the facts', () => {
  const snapshot = (dir: string) => {
    const out = new Map<string, string>();
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.set(path.relative(dir, p), readFileSync(p).toString('base64'));
      }
    };
    walk(dir);
    return out;
  };

  it('leaves the dataset directory exactly as it was (writeDataset via npm run data)', async () => {
    const out = tempDir('cm-atomic-');
    await run(parseArgs(['--out', out, '--only', 'liuzhou-2022', '--no-index']), () => {});
    const before = snapshot(out);
    expect(before.has('liuzhou-2022/facts/2022-09.parquet')).toBe(true);
    inject.failOn = /^COPY .*facts[\\/]2022-03\.parquet/s; // two months are written by then
    try {
      await expect(
        run(parseArgs(['--out', out, '--only', 'liuzhou-2022', '--force', '--no-index', '--seed', '11']), () => {})
      ).rejects.toThrow(/injected failure/);
    } finally {
      inject.failOn = null;
    }
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(out)).toEqual(['liuzhou-2022']); // no temporary directory left behind
  });

  it('drops the tables it made, and refuses to replace a table the connection already has', async () => {
    const out = tempDir('cm-facts-');
    await run(parseArgs(['--out', out, '--only', 'county-2023', '--no-index']), () => {});
    const dir = path.join(out, 'county-2023');
    const conn = await openDuckDB();
    const tables = async () =>
      (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).getRowObjectsJS().map((r) => r.table_name);
    try {
      inject.failOn = /^COPY /;
      await expect(writeFactsFiles(conn, dir, meta(dir))).rejects.toThrow(/injected failure/);
      inject.failOn = null;
      expect(await tables()).toEqual([]);
      await conn.run(`CREATE TABLE monthly AS SELECT 1 AS keep`);
      await expect(writeFactsFiles(conn, dir, meta(dir))).rejects.toThrow(/monthly/);
      expect(await tables()).toEqual(['monthly']);
      expect((await conn.runAndReadAll(`SELECT keep FROM monthly`)).getRowObjectsJS()).toEqual([{ keep: 1 }]);
    } finally {
      inject.failOn = null;
      conn.closeSync();
    }
  });
});
