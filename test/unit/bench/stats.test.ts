import { describe, expect, it } from 'vitest';
import { slope } from '../../../scripts/bench/stats.ts';

describe('the soak run’s slope', () => {
  it('is the least-squares slope of the samples', () => {
    expect(slope([0, 10, 20, 30], [5, 35, 65, 95])).toBe(3);
    expect(slope([0, 1, 2, 3], [1, 3, 2, 4])).toBeCloseTo(0.8);
  });

  it('is null for fewer than two samples or a single x', () => {
    expect(slope([0], [1])).toBeNull();
    expect(slope([5, 5], [1, 2])).toBeNull();
  });
});
