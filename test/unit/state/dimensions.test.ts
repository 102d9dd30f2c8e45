import { describe, expect, it } from 'vitest';
import {
  activeDimensions,
  DIMENSIONS,
  emptyFilters,
  FILTER_DIMENSIONS,
  isEmptyFilter,
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
});
