/** The league page's shared steps for its specs: the Lishui preset, waiting for the tables, and the league as Node and the page's builders compute it. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { leagueMetrics, leagueTableQuery, leagueWithChangeQuery, unitValuesQuery } from '../../src/lib/league/league-sql.ts';
import { previousRankingMonth, rankingMonth } from '../../src/lib/league/periods.ts';
import { metricRules } from '../../src/lib/metrics/preset.ts';
import { factsRelation } from '../../src/lib/metrics/query.ts';
import type { RankingRule, RulePreset } from '../../src/lib/rules/preset-schema.ts';
import { expect } from './helpers.ts';

export const DS = 'lishui-2018';
export const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { rule_preset: RulePreset; as_of: string };
export const PRESET = META.rule_preset;
export const RANKING = PRESET.ranking!;

export interface PageCore {
  month: { key: string };
  factsOf(month: { key: string }): { facts: string };
  coordinator: { query(sql: string): Promise<{ toArray(): Record<string, unknown>[] }> };
}

/** Waits until every league table and the demerits have their data and no query is under way. */
export async function leagueSettled(page: Page, ranking: RankingRule = RANKING): Promise<void> {
  const league = page.getByTestId('league-page');
  await expect(league).toBeVisible({ timeout: 60_000 });
  for (const s of ranking.sequences)
    await expect(page.getByTestId(`league-${s.id}`)).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(league).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/** The league table of a sequence with rank changes, from the builders, run by the page's DuckDB on the facts tables the page loaded. */
export async function builderRanks(page: Page, ranking: RankingRule, sequenceId: string): Promise<Record<string, unknown>[]> {
  const month = await page.evaluate(() => (window as unknown as { __cm: { core: PageCore } }).__cm.core.month.key);
  const current = rankingMonth(month, ranking.period);
  const previous = previousRankingMonth(month, ranking.period);
  const tables = await page.evaluate(
    ([a, b]) => {
      const core = (window as unknown as { __cm: { core: PageCore } }).__cm.core;
      return [core.factsOf({ key: a } as never).facts, core.factsOf({ key: b } as never).facts];
    },
    [current, previous]
  );
  const sequence = ranking.sequences.find((s) => s.id === sequenceId)!;
  const table = (m: string, facts: string) =>
    leagueTableQuery(
      unitValuesQuery({ month: m, rules: metricRules(PRESET), sequence, metrics: leagueMetrics(ranking), facts: { facts } }),
      ranking
    );
  const sql = String(leagueWithChangeQuery(table(current, tables[0]), table(previous, tables[1])));
  return page.evaluate(async (q) => {
    const core = (window as unknown as { __cm: { core: PageCore } }).__cm.core;
    const rows = (await core.coordinator.query(q)).toArray();
    return JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>[];
  }, sql);
}

/**
 * Every sequence's league table with rank changes as at `month`, computed in Node by
 * @duckdb/node-api from the dataset's parquet files (not the page's facts files).
 */
export async function nodeLeague(month: string, ds = DS, preset = PRESET): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const ranking = preset.ranking!;
  try {
    for (const t of ['projects', 'monthly', 'problems'])
      await conn.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('static/data/${ds}/${t}.parquet')`);
    const rules = metricRules(preset);
    const current = rankingMonth(month, ranking.period);
    const previous = previousRankingMonth(month, ranking.period);
    const rows: Record<string, unknown>[] = [];
    for (const sequence of ranking.sequences) {
      const table = (m: string) =>
        leagueTableQuery(
          unitValuesQuery({ month: m, rules, sequence, metrics: leagueMetrics(ranking), facts: factsRelation(m, rules, true) }),
          ranking
        );
      const result = (await conn.runAndReadAll(String(leagueWithChangeQuery(table(current), table(previous))))).getRowObjectsJS() as Record<
        string,
        unknown
      >[];
      rows.push(...result.map((r) => ({ ...r, sequence: sequence.id })));
    }
    return rows;
  } finally {
    conn.closeSync();
  }
}

/** The ranked rows of a sequence as the page shows them. */
export async function shownRows(page: Page, sequenceId: string) {
  return page
    .getByTestId(`league-${sequenceId}`)
    .getByTestId('league-row')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        unit: r.getAttribute('data-unit')!,
        rank: Number(r.getAttribute('data-rank')),
        rankText: r.querySelector('[data-testid="league-rank"]')!.textContent!.trim(),
        composite: r.querySelector('[data-testid="league-composite"]')!.textContent!.trim(),
        change: r.querySelector('.change')!.textContent!.trim()
      }))
    );
}
