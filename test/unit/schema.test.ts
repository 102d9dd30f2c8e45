import { describe, expect, it } from 'vitest';
import { sizeBucketOf, columnsOf } from '../../src/lib/schema.ts';

describe('schema', () => {
  it('puts 3,000万 in the 3,000–5,000 bucket and 2,999.99万 below it', () => {
    expect(sizeBucketOf(3000)).toBe('3000_5000');
    expect(sizeBucketOf(2999.99)).toBe('1000_3000');
  });
  it('keeps people and problems out of the public project columns', () => {
    const pub = columnsOf('projects', 'public');
    expect(pub).toContain('name');
    expect(pub).not.toContain('lead_official');
    expect(pub).not.toContain('responsible_units');
  });
});
