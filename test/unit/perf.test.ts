import { afterEach, describe, expect, it } from 'vitest';
import { perfMark } from '../../src/lib/perf.ts';

describe('perfMark', () => {
  afterEach(() => performance.clearMarks());

  it('keeps one mark per name however often it is called (a mark made on every filter change was never let go)', () => {
    for (let i = 0; i < 1000; i++) perfMark('soak-test-points');
    expect(performance.getEntriesByName('cm:soak-test-points')).toHaveLength(1);
  });

  it('keeps the first time a name was marked, which the benchmark reads', () => {
    perfMark('soak-test-first');
    const first = performance.getEntriesByName('cm:soak-test-first')[0].startTime;
    perfMark('soak-test-first');
    expect(performance.getEntriesByName('cm:soak-test-first')[0].startTime).toBe(first);
  });

  it('marks each distinct name (one per month loaded)', () => {
    perfMark('soak-test:2024-01');
    perfMark('soak-test:2024-02');
    expect(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('cm:soak-test:'))).toHaveLength(2);
  });
});
