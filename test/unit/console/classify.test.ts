import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/lib/console/classify.ts';
import { tokenize } from '../../../src/lib/console/tokens.ts';

const refusal = (sql: string) => {
  const v = classify(sql);
  if (v.ok) throw new Error(`accepted: ${sql}`);
  return { reason: v.reason, word: v.word, at: sql.slice(v.from, v.to) };
};
const kind = (sql: string) => {
  const v = classify(sql);
  if (!v.ok) throw new Error(`refused (${v.reason} ${v.word ?? ''}): ${sql}`);
  return v.kind;
};

describe('the console classifier', () => {
  it('accepts a query of each kind the console runs', () => {
    expect(kind('SELECT 1')).toBe('select');
    expect(kind('  select * from facts')).toBe('select');
    expect(kind('FROM facts')).toBe('select');
    expect(kind('WITH x AS (SELECT 1) SELECT * FROM x')).toBe('select');
    expect(kind('WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t')).toBe('select');
    expect(kind('WITH a AS MATERIALIZED (SELECT 1), b(x) AS (SELECT 2) FROM a, b')).toBe('select');
    expect(kind('(SELECT 1) UNION (SELECT 2)')).toBe('select');
    expect(kind('DESCRIBE facts')).toBe('describe');
    expect(kind('DESCRIBE')).toBe('describe');
    expect(kind('describe select * from facts')).toBe('describe');
    expect(kind('SUMMARIZE selection')).toBe('summarize');
    expect(kind('SUMMARIZE "projects"')).toBe('summarize');
    expect(kind('EXPLAIN SELECT * FROM facts')).toBe('explain');
    expect(kind('EXPLAIN ANALYZE SELECT count(*) FROM facts')).toBe('explain');
    expect(kind('EXPLAIN (FORMAT json) SELECT 1')).toBe('explain');
  });

  it('skips comments and whitespace before the statement and a trailing semicolon after it', () => {
    expect(kind('-- 各区\n/* a /* nested */ comment */ SELECT 1;')).toBe('select');
    expect(kind('SELECT 1; -- done\n ;')).toBe('select');
    const v = classify('-- x\nSELECT 1; -- done');
    expect(v.ok && v.sql).toBe('    \nSELECT 1');
  });

  it('refuses DROP TABLE, INSERT, UPDATE, DELETE, CREATE, ATTACH, COPY … TO and settings', () => {
    expect(refusal('DROP TABLE facts')).toEqual({ reason: 'write', word: 'DROP', at: 'DROP' });
    expect(refusal('INSERT INTO facts SELECT * FROM facts').reason).toBe('write');
    expect(refusal("UPDATE projects SET name = 'x'").word).toBe('UPDATE');
    expect(refusal('DELETE FROM problems').word).toBe('DELETE');
    expect(refusal('CREATE TABLE t AS SELECT 1').word).toBe('CREATE');
    expect(refusal('create or replace temp view facts as select 1').word).toBe('create');
    expect(refusal("COPY (SELECT * FROM facts) TO 'out.csv'").word).toBe('COPY');
    expect(refusal("ATTACH 'x.db' AS x").word).toBe('ATTACH');
    expect(refusal('INSTALL httpfs').word).toBe('INSTALL');
    expect(refusal('LOAD httpfs').word).toBe('LOAD');
    expect(refusal('SET threads = 1').word).toBe('SET');
    expect(refusal("PRAGMA table_info('facts')").word).toBe('PRAGMA');
    expect(refusal('CALL checkpoint()').word).toBe('CALL');
    expect(refusal('SELECT * FROM checkpoint()').word).toBe('checkpoint');
  });

  it('refuses a write hidden behind WITH or EXPLAIN ANALYZE', () => {
    expect(refusal('WITH x AS (SELECT 1) INSERT INTO facts SELECT * FROM x')).toMatchObject({ reason: 'write', word: 'INSERT' });
    expect(refusal('WITH x AS (SELECT 1) DELETE FROM facts').word).toBe('DELETE');
    expect(refusal('EXPLAIN ANALYZE DELETE FROM facts').word).toBe('DELETE');
    expect(refusal('with x as (select 1) update projects set name = 1').word).toBe('update');
  });

  it('refuses a second statement, pointing at where it begins', () => {
    expect(refusal('SELECT 1; DROP TABLE facts')).toEqual({ reason: 'multiple', word: undefined, at: 'DROP' });
    expect(refusal('SELECT 1;\nSELECT 2').at).toBe('SELECT');
  });

  it('refuses statements of other kinds by their first word', () => {
    expect(refusal('SHOW TABLES')).toMatchObject({ reason: 'kind', word: 'SHOW' });
    expect(refusal('VALUES (1)').word).toBe('VALUES');
    expect(refusal('WITH x AS (SELECT 1) VALUES (1)').word).toBe('VALUES');
    expect(refusal('EXPLAIN SHOW TABLES').word).toBe('SHOW');
    expect(refusal('(VALUES (1))').word).toBe('VALUES');
    expect(refusal('  ').reason).toBe('empty');
    expect(refusal('-- only a comment').reason).toBe('empty');
  });

  it('reads words in strings, quoted names and comments as text, not as statements', () => {
    expect(kind("SELECT 'DROP TABLE facts; DELETE' AS a")).toBe('select');
    expect(kind('SELECT 1 AS "update", 2 AS "x;y"')).toBe('select');
    expect(kind("SELECT $$; DROP TABLE facts$$, $q$ ' ; $q$")).toBe('select');
    expect(kind("SELECT E'it\\'s; DROP' AS s")).toBe('select');
    expect(kind('SELECT 1 -- ; DROP TABLE facts')).toBe('select');
    expect(kind('SELECT /* ; DROP /* nested ; */ TABLE */ 1')).toBe('select');
    expect(kind("SELECT name FROM facts WHERE name LIKE '%更新%' OR name = 'it''s'")).toBe('select');
  });

  it('tells where an unterminated string ends: at the end of the text', () => {
    expect(kind("SELECT 'abc; DROP TABLE facts")).toBe('select');
    expect(tokenize('SELECT "ab').at(-1)).toMatchObject({ kind: 'quoted', text: 'ab' });
    expect(tokenize('SELECT 1 /* x').length).toBe(2);
  });

  it('offsets are UTF-16 positions in the text, Chinese and emoji included', () => {
    const sql = "SELECT '项目😀' AS 名称; DROP TABLE facts";
    const v = classify(sql);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(sql.slice(v.from, v.to)).toBe('DROP');
    expect(tokenize('SELECT 名称 FROM facts').map((t) => t.text)).toEqual(['SELECT', '名称', 'FROM', 'FACTS']);
  });
});
