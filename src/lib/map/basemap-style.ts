/**
 * The default basemap: drawn from the dataset's own district polygons with zero network.
 * No `glyphs` and no `sprite`, so MapLibre draws labels (Chinese included) with local fonts.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const LOCAL_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export function offlineStyle(districts: FeatureCollection): StyleSpecification {
  return {
    version: 8,
    sources: {
      districts: { type: 'geojson', data: districts }
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e8edf2' } },
      { id: 'district-fill', type: 'fill', source: 'districts', paint: { 'fill-color': '#f7f5ef', 'fill-opacity': 1 } },
      { id: 'district-line', type: 'line', source: 'districts', paint: { 'line-color': '#7d8794', 'line-width': 1.2 } }
    ]
  };
}

/** District labels at each feature's label point, as a separate point source. */
export function districtLabelPoints(districts: FeatureCollection): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: districts.features.map((f) => ({
      type: 'Feature',
      properties: { name: (f.properties as { name: string }).name },
      geometry: { type: 'Point', coordinates: (f.properties as { label: [number, number] }).label }
    }))
  };
}
