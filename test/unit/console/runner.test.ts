import { beforeAll, describe, expect, it } from 'vitest';
import { and } from '@uwdata/mosaic-sql';
import { ConsoleSqlError, type RunResult } from '../../../src/lib/console/runner.ts';
import { resultColumns } from '../../../src/lib/console/cells.ts';
import { statePredicate } from '../../../src/lib/state/filters.ts';
import { factsColumnsOf, FACTS_COLUMNS } from '../../../src/lib/schema.ts';
import { FACTS_TABLE, openConsole, type ConsoleFixture } from './fixture.ts';

let c: ConsoleFixture;
beforeAll(async () => {
  c = await openConsole();
});

const run = (sql: string, extra = {}, limit = 1000) => c.runner.run(sql, c.sources(extra), { limit });
const values = (r: RunResult, column: string) => Array.from(r.rows!.getChild(column)!.toArray() as ArrayLike<unknown>);
async function failure(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(ConsoleSqlError);
  return (err as ConsoleSqlError).error;
}

describe('the console runner', () => {
  it('reads the month facts as facts, and as selection under the filters predicate', async () => {
    const sector = String(and(statePredicate({ sector: ['industry'], phase: ['new'] })));
    const all = await run('SELECT count(*) AS n FROM facts');
    const selected = await run('SELECT count(*) AS n, count(DISTINCT sector) AS sectors FROM selection', { filter: sector });
    const [{ n }] = c.rows(`SELECT count(*) AS n FROM ${FACTS_TABLE} WHERE sector = 'industry' AND phase = 'new'`);
    expect(values(all, 'n')).toEqual([982n]);
    expect(values(selected, 'n')).toEqual([BigInt(Number(n))]);
    expect(values(selected, 'sectors')).toEqual([1n]);
  });

  it('counts every row and keeps at least the display limit of them', async () => {
    const r = await run('SELECT range AS i FROM range(5000)', {}, 1000);
    expect(r.status).toBe('done');
    expect(r.rowCount).toBe(5000);
    expect(r.rows!.numRows).toBeGreaterThanOrEqual(1000);
    expect(r.rows!.numRows).toBeLessThan(5000);
  });

  it('keeps money exact: a DECIMAL comes back as its scaled integer', async () => {
    const r = await run("SELECT sum(annual_plan) AS plan, any_value(annual_plan) AS one FROM projects WHERE id = 'LZ2022-0013'");
    expect(values(r, 'plan')).toEqual([952100n]);
  });

  it('shows each value as stored: exact decimals and big integers, ISO dates, JSON for nested values', async () => {
    const r = await run(
      `SELECT 1234.5::DECIMAL(18,2) AS money, -0.05::DECIMAL(18,2) AS small, DATE '2022-09-30' AS day,
        9007199254740993::BIGINT AS big, [1, 2] AS list, {'a': '项'} AS struct, NULL AS nothing, 0.1::DOUBLE + 0.2::DOUBLE AS float,
        TIMESTAMP '2022-09-30 12:34:56' AS ts, true AS flag, '=1+2' AS text`
    );
    const columns = resultColumns(r.rows!);
    expect(Object.fromEntries(columns.map((c) => [c.name, c.text(0)]))).toEqual({
      money: '1234.50',
      small: '-0.05',
      day: '2022-09-30',
      big: '9007199254740993',
      list: '[1,2]',
      struct: '{"a":"项"}',
      nothing: null,
      float: '0.3',
      ts: '2022-09-30 12:34:56',
      flag: 'true',
      text: '=1+2'
    });
    expect(columns.map((c) => c.type)).toEqual([
      'DECIMAL(18,2)',
      'DECIMAL(18,2)',
      'DATE',
      'INT64',
      'LIST',
      'STRUCT',
      'INT32',
      'DOUBLE',
      'TIMESTAMP',
      'BOOLEAN',
      'VARCHAR'
    ]);
    expect(columns.filter((c) => c.numeric).map((c) => c.name)).toEqual(['money', 'small', 'big', 'nothing', 'float']);
  });

  it('lets DuckDB refuse writes even when the classifier is bypassed, and the data stays as it was', async () => {
    const before = c.rows(`SELECT (SELECT count(*) FROM projects) AS p, (SELECT count(*) FROM ${FACTS_TABLE}) AS f`);
    for (const sql of [
      'DROP TABLE cm.main.projects',
      `INSERT INTO cm.main.${FACTS_TABLE} SELECT * FROM cm.main.${FACTS_TABLE}`,
      "UPDATE cm.main.projects SET name = 'x'",
      'DELETE FROM cm.main.problems',
      'CREATE TABLE cm.main.t AS SELECT 1',
      'WITH x AS (SELECT 1) DELETE FROM cm.main.monthly'
    ]) {
      const error = await failure(run(sql));
      expect(error.message, sql).toMatch(/read-only mode/);
    }
    expect(c.rows(`SELECT (SELECT count(*) FROM projects) AS p, (SELECT count(*) FROM ${FACTS_TABLE}) AS f`)).toEqual(before);
    expect(c.rows(`SELECT count(*) AS n FROM monthly`)[0].n).toBeGreaterThan(0);
  });

  it('undoes what a statement did to its own views', async () => {
    await run('DROP VIEW facts');
    const r = await run('SELECT count(*) AS n FROM facts');
    expect(values(r, 'n')).toEqual([982n]);
  });

  it('never runs a second statement: DuckDB refuses to prepare two at once', async () => {
    const error = await failure(run('SELECT 1; DROP TABLE cm.main.projects'));
    expect(error.message).toMatch(/multiple statements/);
    expect(c.rows('SELECT count(*) AS n FROM projects')[0].n).toBeGreaterThan(0);
  });

  it('reports a syntax error with its line and column', async () => {
    const sql = "SELECT '项目😀' AS 名称,\n  district_name\nFROM facts WHERE WHERE";
    const error = await failure(run(sql));
    expect(error.type).toBe('Parser');
    expect(error.message).toMatch(/syntax error at or near "WHERE"/);
    expect(error.at).toEqual({ offset: sql.lastIndexOf('WHERE'), line: 3, column: 18 });
  });

  it('reports an unknown column at its position, counted past Chinese text', async () => {
    const sql = "SELECT '柳州市' AS 城市,\n  nosuch FROM facts";
    const error = await failure(run(sql));
    expect(error.type).toBe('Binder');
    expect(error.at).toMatchObject({ offset: sql.indexOf('nosuch'), line: 2, column: 3 });
    const unknown = await failure(run('SELECT * FROM factz'));
    expect(unknown.type).toBe('Catalog');
    expect(unknown.at).toMatchObject({ line: 1, column: 15 });
  });

  it('cancels a long query while DuckDB computes it, and the connection runs the next one', async () => {
    const r = await c.runner.run('SELECT count(*) FROM range(1000000000) a, range(1000) b', c.sources(), {
      limit: 1000,
      onProgress: () => c.runner.cancel()
    });
    expect(r.status).toBe('cancelled');
    expect(r.rows).toBeNull();
    expect(values(await run('SELECT 42 AS x'), 'x')).toEqual([42]);
  });

  it('cancels a query while its rows stream, keeping those received', async () => {
    const r = await c.runner.run('SELECT range AS i FROM range(100000000)', c.sources(), {
      limit: 1000,
      onProgress: (rows) => rows > 5000 && c.runner.cancel()
    });
    expect(r.status).toBe('cancelled');
    expect(r.rowCount).toBeGreaterThan(5000);
    expect(r.rowCount).toBeLessThan(100000000);
    expect(values(await run('SELECT 43 AS x'), 'x')).toEqual([43]);
  });

  it('names the tables a query reads, by DuckDB’s parser', async () => {
    // The stable views are there from the runs before: DuckDB names the tables under them.
    expect(await c.runner.tableNames('WITH p AS (SELECT * FROM projects) SELECT * FROM p JOIN monthly ON true, facts')).toEqual(
      expect.arrayContaining(['projects', 'monthly', FACTS_TABLE])
    );
    const error = await c.runner.tableNames('SELECT 1 +').catch((e: ConsoleSqlError) => e.error);
    expect(error).toMatchObject({ type: 'Parser', message: 'syntax error at end of input', at: { line: 1, column: 11 } });
  });

  it('describes a result as a table of it would be named (duplicates renamed)', async () => {
    expect(await c.runner.describe('SELECT id, id, annual_plan FROM facts', c.sources())).toEqual([
      { name: 'id', type: 'VARCHAR' },
      { name: 'id_1', type: 'VARCHAR' },
      { name: 'annual_plan', type: 'DECIMAL(18,2)' }
    ]);
  });

  it('shows every facts column of an internal dataset', async () => {
    const r = await run('DESCRIBE facts');
    expect(values(r, 'column_name')).toEqual([...FACTS_COLUMNS]);
  });
});

describe('the console on a public dataset', () => {
  it('has only public columns in facts, selection and projects, and no monthly or problems', async () => {
    const p = await openConsole({ internal: false });
    const columns = async (name: string) =>
      Array.from((await p.runner.run(`DESCRIBE ${name}`, p.sources(), { limit: 1000 })).rows!.getChild('column_name')!.toArray());
    expect(await columns('facts')).toEqual(factsColumnsOf('public'));
    expect(await columns('selection')).toEqual(factsColumnsOf('public'));
    expect(await columns('projects')).not.toContain('lead_official');
    // The data itself has none: a public build's projects file holds the public columns only.
    expect(
      p.rows("SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'projects' AND column_name = 'lead_official'")[0].n
    ).toBe(0n);
    for (const name of ['monthly', 'problems']) {
      const error = await p.runner.run(`SELECT * FROM ${name}`, p.sources(), { limit: 10 }).catch((e: ConsoleSqlError) => e.error);
      expect(error).toMatchObject({ type: 'Catalog' });
    }
  });
});
