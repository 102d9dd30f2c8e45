/**
 * The drill-down pages' URL: which district or sector a page shows, the path that led there, and
 * what a link to another drill page changes on the way.
 */
import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../../src/lib/state/dimensions.ts';
import {
  drillParams,
  drillScope,
  drillStep,
  kindOfKey,
  parseDrillPath,
  readDrillKey,
  serialiseDrillPath,
  type DrillPath
} from '../../../src/lib/state/drill.ts';

const DISTRICTS = ['450202', '450203', '450205'];
const filters = (over: Partial<ReturnType<typeof emptyFilters>> = {}) => ({ ...emptyFilters(), ...over });
const onMap: DrillPath = { root: 'map', trail: [] };

describe('a drill page’s district or sector', () => {
  it('is the one its parameter names when the dataset has it, and its route scope', () => {
    expect(readDrillKey('district', new URLSearchParams('d=450203'), DISTRICTS)).toBe('450203');
    expect(readDrillKey('district', new URLSearchParams('d=999999'), DISTRICTS)).toBeNull();
    expect(readDrillKey('district', new URLSearchParams('d=450203'), new Map([['450203', {}]]))).toBe('450203');
    expect(readDrillKey('sector', new URLSearchParams('s=industry'), DISTRICTS)).toBe('industry');
    expect(readDrillKey('sector', new URLSearchParams('s=mining'), DISTRICTS)).toBeNull();
    expect(drillScope({ kind: 'district', key: '450203' })).toEqual({ district: ['450203'] });
    expect(drillScope(null)).toEqual({});
    expect(kindOfKey('ecology')).toBe('sector');
    expect(kindOfKey('450202')).toBe('district');
  });
});

describe('the path', () => {
  it('reads and writes its root and the pages passed through, leaving out what the dataset does not know', () => {
    const path = parseDrillPath('overview,d:450202,s:industry,d:999999,x:1', DISTRICTS);
    expect(path).toEqual({
      root: 'overview',
      trail: [
        { kind: 'district', key: '450202' },
        { kind: 'sector', key: 'industry' }
      ]
    });
    expect(serialiseDrillPath(path)).toBe('overview,d:450202,s:industry');
    expect(parseDrillPath(null, DISTRICTS)).toEqual(onMap);
    expect(serialiseDrillPath(onMap)).toBe('');
    expect(drillParams({ kind: 'sector', key: 'industry' }, path).toString()).toBe('s=industry&via=overview%2Cd%3A450202%2Cs%3Aindustry');
  });
});

describe('a link to a drill page', () => {
  it('from the map keeps the filters, and a district filter that includes the district', () => {
    const step = drillStep(
      filters({ district: ['450202', '450203'], phase: ['new'] }),
      { path: onMap, current: null },
      {
        kind: 'district',
        key: '450202'
      }
    );
    expect(step).toEqual({ path: onMap, filters: {} });
  });

  it('clears a filter on its own dimension that would leave its page empty', () => {
    const step = drillStep(filters({ district: ['450203'] }), { path: onMap, current: null }, { kind: 'district', key: '450202' });
    expect(step.filters).toEqual({ district: [] });
  });

  it('from a district into a sector narrows: the district becomes a filter and a step of the path', () => {
    const here = { path: onMap, current: { kind: 'district' as const, key: '450202' } };
    const step = drillStep(filters(), here, { kind: 'sector', key: 'industry' });
    expect(step.filters).toEqual({ district: ['450202'] });
    expect(step.path).toEqual({ root: 'map', trail: [{ kind: 'district', key: '450202' }] });
  });

  it('sideways to another district keeps the path; back to a page on the path cuts it there', () => {
    const here = {
      path: { root: 'overview' as const, trail: [{ kind: 'sector' as const, key: 'industry' }] },
      current: { kind: 'district' as const, key: '450202' }
    };
    const sideways = drillStep(filters({ sector: ['industry'] }), here, { kind: 'district', key: '450203' });
    expect(sideways.path).toEqual(here.path);
    expect(sideways.filters).toEqual({});
    const back = drillStep(filters({ sector: ['industry'] }), here, { kind: 'sector', key: 'industry' });
    expect(back.path).toEqual({ root: 'overview', trail: [] });
    expect(back.filters).toEqual({ district: ['450202'] });
  });
});
