/**
 * The order in which the query core's facts tables come and go: a month let go of is dropped
 * ahead of the next month's load (at the same priority), so two months' facts never sit in
 * duckdb-wasm's memory at once where only one is kept (large datasets).
 */
import { Priority } from '@uwdata/mosaic-core';
import { describe, expect, it } from 'vitest';
import { CoreTables } from '../../../src/lib/db/core-tables.ts';
import type { SupersedingCoordinator } from '../../../src/lib/db/coordinator-supersede.ts';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { DEFAULT_RULE_PRESET } from '../../../src/lib/metrics/preset.ts';

/** A coordinator that records its requests in queue order (priority rank, then arrival), as mosaic runs them. */
function recordingCoordinator() {
  const queued: { query: string; priority: number; seq: number }[] = [];
  let seq = 0;
  const request = (req: { query: string }, priority: number) => {
    queued.push({ query: req.query, priority, seq: seq++ });
    return Promise.resolve();
  };
  const coordinator = {
    manager: { request },
    exec: (query: string, { priority = Priority.Normal }: { priority?: number } = {}) => request({ query }, priority),
    logger: () => ({ error: () => undefined })
  } as unknown as SupersedingCoordinator;
  const order = () => [...queued].sort((a, b) => a.priority - b.priority || a.seq - b.seq).map((q) => q.query);
  return { coordinator, queued, order };
}

function tables(keep: number) {
  const rec = recordingCoordinator();
  const t = new CoreTables({
    coordinator: rec.coordinator,
    id: 7,
    rules: metricRules(DEFAULT_RULE_PRESET),
    internal: true,
    materialize: true,
    loadFacts: async () => undefined,
    keep: () => keep
  });
  return { t, ...rec };
}

describe('facts tables kept and dropped', () => {
  it('drops the month let go of before loading the next, where only one is kept', () => {
    const { t, queued, order } = tables(0);
    t.ensureMonth(toMonth('2022-06'), []);
    queued.length = 0;
    t.ensureMonth(toMonth('2022-07'), []);
    expect(order()).toEqual(['DROP TABLE IF EXISTS cm_facts_7_2022_06', '-- facts 2022-07 into cm_facts_7_2022_07']);
    expect(t.has(toMonth('2022-06'))).toBe(false);
    expect(t.has(toMonth('2022-07'))).toBe(true);
  });

  it('keeps a month a live client needs, and the few months it is told to keep', () => {
    const pinned = tables(0);
    pinned.t.ensureMonth(toMonth('2022-06'), []);
    pinned.t.ensureMonth(toMonth('2022-07'), ['2022-06']);
    expect(pinned.queued.some((q) => q.query.startsWith('DROP'))).toBe(false);

    const kept = tables(1);
    for (const m of ['2022-05', '2022-06', '2022-07']) kept.t.ensureMonth(toMonth(m), []);
    expect(kept.queued.filter((q) => q.query.startsWith('DROP')).map((q) => q.query)).toEqual(['DROP TABLE IF EXISTS cm_facts_7_2022_05']);
    expect(kept.t.has(toMonth('2022-06'))).toBe(true);
  });

  it('leaves the month loaded when it is visited again, and drops nothing ahead of the views then', () => {
    const { t, queued } = tables(0);
    t.ensureMonth(toMonth('2022-06'), []);
    queued.length = 0;
    t.ensureMonth(toMonth('2022-06'), []);
    expect(queued).toEqual([]);
  });
});
