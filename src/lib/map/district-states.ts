/**
 * The districts' fill and selection on a MapLibre map as feature states of the `districts` source
 * (its features known by their `code`, `promoteId`). A new GeoJSON for each selection or shading
 * change made MapLibre re-tile every polygon in its workers: at 1k projects, twelve district
 * filters grew the renderer by ~90 MB that a garbage collection did not give back (npm run bench's
 * memory peak), where feature states change only the paint of the districts that changed.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const DISTRICT_SOURCE = 'districts';
export const LABEL_SOURCE = 'district-labels';

export interface DistrictState {
  /** The choropleth's colour; null when the map is not shaded (or the district has no figure). */
  fill: string | null;
  selected: boolean;
}

type StatefulMap = Pick<MapLibreMap, 'setFeatureState' | 'removeFeatureState' | 'getSource' | 'on' | 'off'>;

/**
 * Keeps the map's districts in the states last asked for (`show`), setting only those that differ
 * from what the map holds, and all of them again on every new style (a basemap switch starts
 * without states). `show` returns how many districts it set.
 */
export function keepDistrictStates(map: StatefulMap): { show: (states: ReadonlyMap<string, DistrictState>) => number; stop: () => void } {
  const onMap = new Map<string, DistrictState>();
  let wanted: ReadonlyMap<string, DistrictState> = new Map();
  const apply = (): number => {
    // Before the style is in, 'style.load' applies them.
    if (!map.getSource(DISTRICT_SOURCE)) return 0;
    let set = 0;
    for (const code of [...onMap.keys()]) {
      if (wanted.has(code)) continue;
      map.removeFeatureState({ source: DISTRICT_SOURCE, id: code });
      onMap.delete(code);
    }
    for (const [code, state] of wanted) {
      const shown = onMap.get(code);
      if (shown && shown.fill === state.fill && shown.selected === state.selected) continue;
      map.setFeatureState({ source: DISTRICT_SOURCE, id: code }, { fill: state.fill, selected: state.selected });
      onMap.set(code, state);
      set += 1;
    }
    return set;
  };
  const restyled = () => {
    onMap.clear();
    apply();
  };
  map.on('style.load', restyled);
  return {
    show(states) {
      wanted = states;
      return apply();
    },
    stop: () => map.off('style.load', restyled)
  };
}

/**
 * The districts' polygons, labels and states on a map: polygons and labels go to MapLibre (which
 * re-tiles them in its workers) only when they are new, not already in its style (`styledWith`).
 */
export function keepDistricts(map: StatefulMap) {
  const states = keepDistrictStates(map);
  const onMap: Record<string, FeatureCollection | null> = { [DISTRICT_SOURCE]: null, [LABEL_SOURCE]: null };
  const give = (source: string, data: FeatureCollection) => {
    if (onMap[source] === data) return;
    (map.getSource(source) as GeoJSONSource | undefined)?.setData(data);
    onMap[source] = data;
  };
  return {
    /** What a new style was made with. */
    styledWith(shapes: FeatureCollection, labels: FeatureCollection) {
      onMap[DISTRICT_SOURCE] = shapes;
      onMap[LABEL_SOURCE] = labels;
    },
    shapes: (shapes: FeatureCollection) => give(DISTRICT_SOURCE, shapes),
    labels: (labels: FeatureCollection) => give(LABEL_SOURCE, labels),
    states: states.show
  };
}
