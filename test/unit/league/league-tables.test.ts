/**
 * A league table's client declares the source tables its query reads (`leagueTables`): the query
 * core loads those ahead of it, and nothing else. Each demo plan's league is run on an engine that
 * holds only the months' facts and the declared tables, as the page's engine may when the query
 * comes first; a table read but not declared fails here, as it failed now and then in the browser
 * (Guiyang's approvals on time read `projects`, and the bulletin never got ready).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leagueTables } from '../../../src/lib/league/league-sql.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { toMonth, type Month } from '../../../src/lib/metrics/month.ts';
import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';
import { leagueMonths, sequenceLeagueQuery } from '../../../src/lib/views/league/league-query.ts';
import { DEMO_DATASETS } from '../../../scripts/generate/datasets/index.ts';

const DATA = 'static/data';
const quote = (s: string) => s.replaceAll("'", "''");

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
});
afterAll(() => instance.closeSync());

/** A connection holding the months' facts (as `facts_<yyyy>_<mm>`) and only the given source tables. */
async function engineWith(dir: string, months: readonly Month[], tables: readonly string[]): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run('DROP SCHEMA IF EXISTS league_case CASCADE');
  await conn.run('CREATE SCHEMA league_case');
  await conn.run('USE league_case');
  for (const m of months)
    await conn.run(
      `CREATE TABLE facts_${m.key.replace('-', '_')} AS SELECT * FROM read_parquet('${quote(path.join(dir, 'facts', `${m.key}.parquet`))}')`
    );
  for (const t of tables) await conn.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${quote(path.join(dir, `${t}.parquet`))}')`);
  return conn;
}

describe('a league table reads only the facts and the tables its client declares', () => {
  const ranked = DEMO_DATASETS.map((plan) => plan.id).filter((id) => {
    const meta = JSON.parse(readFileSync(path.join(DATA, id, 'meta.json'), 'utf8')) as { rule_preset: RulePreset };
    return meta.rule_preset.ranking !== undefined;
  });

  it('covers the plans that rank, Guiyang among them', () => {
    expect(ranked).toContain('guiyang-2021');
  });

  it.each(ranked)('%s', async (id) => {
    const dir = path.join(DATA, id);
    const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as {
      rule_preset: RulePreset;
      as_of: string;
      facts_months: string[];
    };
    const preset = meta.rule_preset;
    const ranking = preset.ranking!;
    const rules = metricRules(preset);
    const months = leagueMonths(meta.as_of.slice(0, 7), ranking.period, meta.facts_months);
    const used = [months.current, months.previous].filter((m): m is Month => m !== null).map((m) => toMonth(m));
    const declared = leagueTables(ranking, rules);
    if (id === 'guiyang-2021') expect(declared).toEqual(['projects']);
    const conn = await engineWith(dir, used, declared);
    const ctx = { rules, factsOf: (m: Month) => ({ f: `facts_${m.key.replace('-', '_')}` }) };
    try {
      for (const sequence of ranking.sequences) {
        const query = sequenceLeagueQuery(ctx, ranking, sequence, months)!;
        const rows = (await conn.runAndReadAll(String(query))).getRowObjects();
        expect(rows.length, `${id} ${sequence.id}`).toBeGreaterThan(0);
      }
    } finally {
      conn.closeSync();
    }
  });
});
