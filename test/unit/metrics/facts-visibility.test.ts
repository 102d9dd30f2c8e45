/**
 * Each facts column is marked public or internal once (schema.ts FACTS_SCHEMA). A public build's
 * facts (built without monthly reports, problems or internal project columns) carry a value in
 * every public column and nothing in any internal one; an internal build fills both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTS_COLUMNS, factsColumnsOf } from '../../../src/lib/schema.ts';
import { projectFacts } from '../../../src/lib/metrics/facts.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { FIXTURE_META, writeFixture } from './fixture.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openNodeApi(await writeFixture());
});
afterAll(() => engine?.close());

const rules = metricRules(FIXTURE_META.rule_preset);
/** Per column, how many facts rows have a value in it. */
async function filled(internal: boolean): Promise<Record<string, number>> {
  const counts = FACTS_COLUMNS.map((c) => `CAST(count("${c}") AS INTEGER) AS "${c}"`).join(', ');
  return (await engine.rows(`SELECT ${counts} FROM (${projectFacts({ month: '2022-06', rules, internal })})`))[0] as Record<string, number>;
}

describe('facts columns', () => {
  it('are all marked, once, public or internal', () => {
    expect([...factsColumnsOf('public'), ...factsColumnsOf('internal')].sort()).toEqual([...FACTS_COLUMNS].sort());
    expect(new Set(FACTS_COLUMNS).size).toBe(FACTS_COLUMNS.length);
  });

  it('of a public build have no value in any internal column, and values in the public ones', async () => {
    const counts = await filled(false);
    for (const c of factsColumnsOf('internal')) expect([c, counts[c]]).toEqual([c, c === 'in_plan' ? 10 : 0]);
    for (const c of factsColumnsOf('public').filter((c) => c !== 'geometry')) expect([c, counts[c] > 0]).toEqual([c, true]);
  });

  it('of an internal build fill the internal columns too', async () => {
    const counts = await filled(true);
    for (const c of factsColumnsOf('internal').filter(
      (c) => !['planned_ytd', 'completion_rate', 'elapsed_share', 'gap_points', 'rag'].includes(c)
    ))
      expect([c, counts[c]]).toEqual([c, 10]);
    for (const c of ['completion_rate', 'rag']) expect(counts[c]).toBeGreaterThan(0);
  });
});
