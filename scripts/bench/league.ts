/**
 * The league tables (排名) measured on a benchmark dataset, data side: the league page opened
 * (its ranking month's and the period before's facts loaded by the page), then both ranking
 * sequences' tables on every league metric with rank changes, as the page's query builders make
 * them (views/league/league-query.ts), run by the page's own duckdb-wasm, uncached, one after the
 * other as the page's coordinator runs them. The first run warms up; the median and the slowest
 * of the others are reported. One fresh Chromium per dataset; `npm run bench -- --league`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, newContext } from './browser.ts';
import { sequenceLeagueQuery, leagueMonths } from '../../src/lib/views/league/league-query.ts';
import { metricRules } from '../../src/lib/metrics/preset.ts';
import { LEAGUE_METRICS, type LeagueMetric, type RankingRule, type RulePreset } from '../../src/lib/rules/preset-schema.ts';

export interface LeagueResult {
  projects: number;
  /** The ranking month, and the period before's (null: none in the data). */
  month: string | null;
  previous: string | null;
  /** Ranked units per sequence (the tables' rows with a composite rank). */
  ranked: Record<string, number>;
  metrics: number;
  /** Both sequences, one after the other, per timed run (the warm-up left out). */
  runs_ms: number[];
  median_ms: number | null;
  max_ms: number | null;
  target_ms: number;
  errors: string[];
}

/** The targets: ≤ 150 ms at 1k projects, ≤ 1 s at 1M (between them, the 1M one). */
export const leagueTarget = (projects: number): number => (projects <= 1000 ? 150 : 1000);

/** Every league metric ranked: the preset's composite with the metrics it leaves out added at weight 0. */
export function allMetricsRanking(ranking: RankingRule): RankingRule {
  const have = new Set(ranking.composite.items.map((i) => i.metric));
  const extra = (Object.keys(LEAGUE_METRICS) as LeagueMetric[])
    .filter((m) => !have.has(m))
    .map((metric) => ({ metric, weight: 0, score: 'value' as const }));
  return { ...ranking, composite: { ...ranking.composite, items: [...ranking.composite.items, ...extra] } };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

interface PageCore {
  month: { key: string };
  localReady(): Promise<void>;
  factsOf(month: { key: string }): { facts: string };
  coordinator: { query(sql: string): Promise<{ toArray(): Record<string, unknown>[] }> };
}

export async function measureLeague(opts: {
  url: string;
  datasetId: string;
  datasetDir: string;
  projects: number;
  runs?: number;
  timeoutMs: number;
  log: (s: string) => void;
}): Promise<LeagueResult> {
  const meta = JSON.parse(readFileSync(path.join(opts.datasetDir, 'meta.json'), 'utf8')) as {
    rule_preset: RulePreset;
    facts_months: string[];
  };
  const result: LeagueResult = {
    projects: opts.projects,
    month: null,
    previous: null,
    ranked: {},
    metrics: Object.keys(LEAGUE_METRICS).length,
    runs_ms: [],
    median_ms: null,
    max_ms: null,
    target_ms: leagueTarget(opts.projects),
    errors: []
  };
  const preset = meta.rule_preset.ranking;
  if (!preset) {
    result.errors.push(`${opts.datasetId} has no ranking in its preset`);
    return result;
  }
  const ranking = allMetricsRanking(preset);
  const browser = await launch();
  const foreign: string[] = [];
  try {
    const context = await newContext(browser, new URL(opts.url).origin, foreign);
    const page = await context.newPage();
    page.setDefaultTimeout(opts.timeoutMs);
    page.on('pageerror', (e) => result.errors.push(`pageerror: ${e.message}`));
    await page.goto(`${opts.url}league/?ds=${encodeURIComponent(opts.datasetId)}&bench`);
    await page.waitForFunction(
      (ids) =>
        ids.every((id) => document.querySelector(`[data-testid="league-${id}"]`)?.getAttribute('data-loaded') === 'true') &&
        document.querySelector('[data-testid="league-page"]')?.getAttribute('data-busy') === 'false',
      preset.sequences.map((s) => s.id),
      { polling: 100 }
    );
    // The page's filter index loads in the background after the first views: timing starts once it is in.
    await page.evaluate(() => (window as unknown as { __cm: { core: PageCore } }).__cm.core.localReady());
    const shown = await page.evaluate(() => (window as unknown as { __cm: { core: PageCore } }).__cm.core.month.key);
    const months = leagueMonths(shown, ranking.period, meta.facts_months);
    result.month = months.current?.key ?? null;
    result.previous = months.previous?.key ?? null;
    const tables = await page.evaluate(
      (keys) => {
        const core = (window as unknown as { __cm: { core: PageCore } }).__cm.core;
        return keys.map((k) => (k ? core.factsOf({ key: k }).facts : null));
      },
      [result.month, result.previous]
    );
    const factsOf = (m: { key: string }) => ({ facts: m.key === result.month ? tables[0]! : tables[1]! });
    const rules = metricRules(meta.rule_preset);
    const queries = ranking.sequences.map((s) => String(sequenceLeagueQuery({ rules, factsOf } as never, ranking, s, months)));
    const runs = (opts.runs ?? 7) + 1;
    opts.log(
      `  league: ${ranking.sequences.length} sequences, ${result.metrics} metrics, ${result.month} against ${result.previous}; ${runs} runs`
    );
    for (let k = 0; k < runs; k++) {
      // A comment of its own per run: the coordinator's result cache must not answer it.
      const timed = await page.evaluate(
        async ({ queries, k }) => {
          const core = (window as unknown as { __cm: { core: PageCore } }).__cm.core;
          const t0 = performance.now();
          const ranked: number[] = [];
          for (const q of queries) {
            const rows = (await core.coordinator.query(`/* bench league ${k} */ ${q}`)).toArray();
            ranked.push(rows.filter((r) => r.composite_rank !== null).length);
          }
          return { ms: performance.now() - t0, ranked };
        },
        { queries, k: `${Date.now()}-${k}` }
      );
      if (k === 0) ranking.sequences.forEach((s, i) => (result.ranked[s.id] = timed.ranked[i]));
      else result.runs_ms.push(Math.round(timed.ms * 10) / 10);
    }
    result.median_ms = median(result.runs_ms);
    result.max_ms = result.runs_ms.length ? Math.max(...result.runs_ms) : null;
    opts.log(
      `  league: both sequences median ${result.median_ms} ms, slowest ${result.max_ms} ms (target ≤ ${result.target_ms} ms); ranked ${JSON.stringify(result.ranked)}`
    );
  } catch (e) {
    result.errors.push(e instanceof Error ? e.message : String(e));
  } finally {
    await browser.close();
  }
  if (foreign.length) result.errors.push(`requests off the server: ${foreign.join(', ')}`);
  return result;
}

/** The league's target as a size's target line (targets of report.ts). */
export function leagueTargetLine(r: LeagueResult): { name: string; limit: string; value: number | null; met: boolean | null } {
  return {
    name: 'league tables, both sequences, every metric, rank changes (data, median)',
    limit: `≤ ${r.target_ms} ms`,
    value: r.median_ms,
    met: r.median_ms === null ? null : r.median_ms <= r.target_ms
  };
}

/** The league's rows of the README table (sizes without a measurement show —). */
export function leagueRows(
  sizes: { league?: LeagueResult }[],
  row: (label: string, f: (s: { league?: LeagueResult }) => string) => string
): string[] {
  if (!sizes.some((s) => s.league)) return [];
  return [
    row('**league tables: both sequences, every metric, rank changes, data, median / slowest ms**', (s) =>
      s.league?.median_ms != null ? `${Math.round(s.league.median_ms)} / ${Math.round(s.league.max_ms ?? 0)}` : '—'
    )
  ];
}
