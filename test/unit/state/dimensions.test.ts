import { describe, expect, it } from 'vitest';
import {
  activeDimensions,
  DIMENSIONS,
  emptyFilters,
  FILTER_DIMENSIONS,
  isEmptyFilter,
  keepUnchanged,
  LIST_COLUMNS,
  searchNeedle
} from '../../../src/lib/state/dimensions.ts';
import { FACTS_COLUMNS } from '../../../src/lib/schema.ts';

describe('the filter dimensions', () => {
  it('each test a facts column, with a URL parameter of their own', () => {
    for (const column of Object.values(LIST_COLUMNS)) expect(FACTS_COLUMNS).toContain(column);
    const params = DIMENSIONS.map((d) => d.param);
    expect(new Set(params).size).toBe(params.length);
  });

  it('start empty, and say which are active in registry order', () => {
    const empty = emptyFilters();
    for (const d of FILTER_DIMENSIONS) expect(isEmptyFilter(d, empty[d])).toBe(true);
    expect(activeDimensions({ ...empty, q: ' 路 ', unit: ['市住建局'], phase: ['new'] })).toEqual(['phase', 'unit', 'q']);
    expect(activeDimensions({ ...empty, q: '   ' })).toEqual([]);
  });

  it('lower a search needle as DuckDB lowers names: one code point at a time', () => {
    expect(searchNeedle('  柳州（A区）Road ')).toBe('柳州（a区）road');
    expect(searchNeedle('İzmir ΟΔΟΣ')).toBe('izmir οδοσ');
    expect(searchNeedle('ＡＢＣ')).toBe('ａｂｃ');
  });

  it('keep the previous value of each dimension that did not change, so its readers are not redrawn', () => {
    const before = {
      ...emptyFilters(),
      sector: ['industry'],
      district: ['450202'],
      area: { type: 'box' as const, bounds: [1, 2, 3, 4] as [number, number, number, number] }
    };
    const next = JSON.parse(JSON.stringify({ ...before, phase: ['new'] }));
    const kept = keepUnchanged(before, next);
    expect(kept).toEqual(next);
    expect(kept.sector).toBe(before.sector);
    expect(kept.area).toBe(before.area);
    expect(kept.phase).toBe(next.phase);
    expect(keepUnchanged(before, JSON.parse(JSON.stringify(before)))).toBe(before);
    expect(keepUnchanged(null, next)).toBe(next);
    // A value that changed is the new one, even when only its order did.
    const reordered = keepUnchanged(kept, { ...kept, district: ['450203', '450202'] });
    expect(reordered.district).toEqual(['450203', '450202']);
    expect(reordered.sector).toBe(before.sector);
  });
});
