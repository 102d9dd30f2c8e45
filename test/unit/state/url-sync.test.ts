import { describe, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import { createQueryCore } from '../../../src/lib/db/coordinator.ts';
import { applyUrlState, urlStateOf } from '../../../src/lib/state/url-sync.ts';
import { parseUrlState, serialiseUrlState } from '../../../src/lib/state/url-state.ts';

const noDatabase = { query: async () => new Uint8Array() } as unknown as Connector;

describe('URL ↔ query core', () => {
  it('a URL applied to the core gives the same URL back', () => {
    const qs = 'ds=liuzhou-2022&phase=new&district=450202&q=%E8%B7%AF&month=2022-05&view=map&color=rag&box=109.3%2C24.2%2C109.5%2C24.4';
    const { state } = parseUrlState(new URLSearchParams(qs));
    const core = createQueryCore({ connector: noDatabase, month: '2022-06', logger: null });
    applyUrlState(core, state, '2022-06');
    expect(core.month.key).toBe('2022-05');
    expect(core.filters.district).toEqual(['450202']);
    const back = urlStateOf(core.state, { ds: state.ds, view: state.view, color: state.color, size: state.size, map: state.map }, '2022-06');
    expect(serialiseUrlState(back).toString()).toBe(serialiseUrlState(state).toString());
  });

  it('leaves the as-of month out of the URL', () => {
    const core = createQueryCore({ connector: noDatabase, month: '2022-06', logger: null });
    const s = urlStateOf(core.state, { ds: null, view: null, color: null, size: null, map: null }, '2022-06-30');
    expect(s.month).toBeNull();
  });
});
