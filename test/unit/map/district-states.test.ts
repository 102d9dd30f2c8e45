/** The districts on the map: fill and selection as feature states (only what changed is set, all again on a new style); polygons and labels only when new. */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import {
  DISTRICT_SOURCE,
  keepDistricts,
  keepDistrictStates,
  LABEL_SOURCE,
  type DistrictState
} from '../../../src/lib/map/district-states.ts';

/** A map holding feature states the way MapLibre does, per source and id, and dropping them on a new style. */
function fakeMap() {
  const states = new Map<string | number, Record<string, unknown>>();
  const calls: string[] = [];
  const listeners = new Map<string, (() => void)[]>();
  let styled = false;
  const map = {
    getSource: (id: string) => (styled && id === DISTRICT_SOURCE ? {} : undefined),
    setFeatureState: (f: { source: string; id?: string | number }, s: Record<string, unknown>) => {
      calls.push(`set ${f.id}`);
      states.set(f.id!, { ...states.get(f.id!), ...s });
    },
    removeFeatureState: (f: { source: string; id?: string | number }) => {
      calls.push(`remove ${f.id}`);
      states.delete(f.id!);
    },
    on: (type: string, f: () => void) => listeners.set(type, [...(listeners.get(type) ?? []), f]),
    off: (type: string, f: () => void) =>
      listeners.set(
        type,
        (listeners.get(type) ?? []).filter((g) => g !== f)
      ),
    newStyle() {
      styled = true;
      states.clear();
      for (const f of listeners.get('style.load') ?? []) f();
    }
  };
  return { map: map as unknown as Parameters<typeof keepDistrictStates>[0] & typeof map, states, calls };
}

const of = (entries: [string, DistrictState][]) => new Map(entries);

describe('the districts’ feature states', () => {
  it('waits for the style, then sets every district', () => {
    const { map, states } = fakeMap();
    const kept = keepDistrictStates(map);
    expect(kept.show(of([['a', { fill: '#fff', selected: false }]]))).toBe(0);
    expect(states.size).toBe(0);
    map.newStyle();
    expect(states.get('a')).toEqual({ fill: '#fff', selected: false });
  });

  it('sets only the districts whose fill or selection changed, and clears those gone', () => {
    const { map, states, calls } = fakeMap();
    map.newStyle();
    const kept = keepDistrictStates(map);
    const a = { fill: null, selected: false };
    expect(
      kept.show(
        of([
          ['a', a],
          ['b', { fill: null, selected: false }],
          ['c', { fill: null, selected: false }]
        ])
      )
    ).toBe(3);
    calls.length = 0;
    // A new map of states: equal states are not set again.
    expect(
      kept.show(
        of([
          ['a', { ...a }],
          ['b', { fill: null, selected: true }],
          ['c', { fill: '#123456', selected: false }]
        ])
      )
    ).toBe(2);
    expect(calls).toEqual(['set b', 'set c']);
    expect(states.get('b')).toEqual({ fill: null, selected: true });
    calls.length = 0;
    expect(kept.show(of([['a', a]]))).toBe(0);
    expect(calls.sort()).toEqual(['remove b', 'remove c']);
    expect([...states.keys()]).toEqual(['a']);
  });

  it('sets them all again on a new style (a basemap switch), and not once stopped', () => {
    const { map, states } = fakeMap();
    map.newStyle();
    const kept = keepDistrictStates(map);
    kept.show(of([['a', { fill: '#abcdef', selected: true }]]));
    map.newStyle();
    expect(states.get('a')).toEqual({ fill: '#abcdef', selected: true });
    kept.stop();
    map.newStyle();
    expect(states.size).toBe(0);
  });
});

describe('the districts’ polygons and labels', () => {
  it('go to the map only when they are not what it already holds', () => {
    const given: string[] = [];
    const source = (name: string) => ({ setData: () => given.push(name) });
    const { map } = fakeMap();
    map.newStyle();
    const m = Object.assign(map, { getSource: (id: string) => source(id) }) as unknown as Parameters<typeof keepDistricts>[0];
    const kept = keepDistricts(m);
    const shapes: FeatureCollection = { type: 'FeatureCollection', features: [] };
    const labels: FeatureCollection = { type: 'FeatureCollection', features: [] };
    kept.styledWith(shapes, labels);
    kept.shapes(shapes);
    kept.labels(labels);
    expect(given).toEqual([]);
    const newLabels: FeatureCollection = { type: 'FeatureCollection', features: [] };
    kept.labels(newLabels);
    kept.labels(newLabels);
    kept.shapes(shapes);
    expect(given).toEqual([LABEL_SOURCE]);
  });
});
