/**
 * Map styles: the chosen basemap underneath, the dataset's districts (choropleth, boundaries,
 * labels) on top. The offline default has no `glyphs` and no `sprite`, so MapLibre draws labels
 * (Chinese included) with local fonts and the map makes zero requests.
 */
import type { FilterSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Basemap } from './basemaps.ts';
import { DISTRICT_SOURCE, LABEL_SOURCE } from './district-states.ts';
import { districtLabelZooms } from './label-zooms.ts';

export const LOCAL_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** deck.gl layers are inserted before this layer, so district labels draw above the points. */
export const LABEL_LAYER_ID = 'district-label';
/** The district labels' text size and halo, px (a map may set its own size: the wall's, ProjectMap `labelPx`). */
export const LABEL_TEXT_PX = 14;
export const LABEL_HALO_PX = 1.6;
export const LABEL_LINE_HEIGHT = 1.25;

/**
 * The labels a map with text size `px` lets through: MapLibre evaluates a layer's filter at the
 * tile's whole zoom t for a map at any zoom from t to t + 1, so each label from the whole zoom
 * before the one where it clears the others at LABEL_TEXT_PX (label-zooms.ts); a larger text clears
 * them log2(px / LABEL_TEXT_PX) zooms later. MapLibre's collision hides what still collides.
 */
export function labelZoomFilter(px: number): FilterSpecification {
  return ['>=', ['ceil', ['+', ['zoom'], 1 + Math.log2(LABEL_TEXT_PX / px)]], ['get', 'minzoom']];
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Our sources and layers, drawn over any basemap. `offline` adds the land fill under them. The
 * districts' fill and selection come as feature states (district-states.ts).
 */
export function overlaySourcesAndLayers(
  districts: FeatureCollection,
  labels: FeatureCollection,
  offline: boolean
): { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  const layers: LayerSpecification[] = [];
  if (offline) {
    layers.push({ id: 'district-land', type: 'fill', source: DISTRICT_SOURCE, paint: { 'fill-color': '#f7f5ef', 'fill-opacity': 1 } });
  }
  layers.push(
    {
      id: 'district-choropleth',
      type: 'fill',
      source: DISTRICT_SOURCE,
      paint: { 'fill-color': ['coalesce', ['feature-state', 'fill'], 'rgba(0,0,0,0)'], 'fill-opacity': offline ? 0.6 : 0.45 }
    },
    {
      // A layer's filter cannot read feature states: the other districts' outlines are transparent.
      id: 'district-selected',
      type: 'line',
      source: DISTRICT_SOURCE,
      paint: {
        'line-color': '#111111',
        'line-width': 3,
        'line-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 1, 0]
      }
    },
    {
      id: 'district-line',
      type: 'line',
      source: DISTRICT_SOURCE,
      paint: { 'line-color': offline ? '#7d8794' : '#394554', 'line-width': 1.2 }
    },
    {
      id: LABEL_LAYER_ID,
      type: 'symbol',
      source: LABEL_SOURCE,
      filter: labelZoomFilter(LABEL_TEXT_PX),
      layout: {
        'text-field': ['get', 'label'],
        'text-size': LABEL_TEXT_PX,
        'text-line-height': LABEL_LINE_HEIGHT,
        'text-allow-overlap': false,
        // Where two collide, the one placed first here (the larger district) wins in MapLibre too.
        'symbol-sort-key': ['get', 'minzoom']
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': LABEL_HALO_PX }
    }
  );
  return {
    sources: {
      // Fill and selection are feature states (district-states.ts), by the district's code.
      [DISTRICT_SOURCE]: { type: 'geojson', data: districts, promoteId: 'code' },
      [LABEL_SOURCE]: { type: 'geojson', data: labels ?? EMPTY }
    },
    layers
  };
}

/** The style for a basemap that needs no fetch (offline, raster, PMTiles). */
export function basemapStyle(basemap: Basemap, districts: FeatureCollection, labels: FeatureCollection): StyleSpecification {
  const overlay = overlaySourcesAndLayers(districts, labels, basemap.kind === 'offline');
  const sources: Record<string, SourceSpecification> = {};
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': '#e8edf2' } }];
  if (basemap.kind === 'raster') {
    sources.basemap = {
      type: 'raster',
      tiles: basemap.tiles,
      tileSize: basemap.tileSize,
      maxzoom: basemap.maxzoom,
      attribution: basemap.attribution
    };
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
    if (basemap.overlayTiles) {
      sources['basemap-annotation'] = { type: 'raster', tiles: basemap.overlayTiles, tileSize: basemap.tileSize, maxzoom: basemap.maxzoom };
      layers.push({ id: 'basemap-annotation', type: 'raster', source: 'basemap-annotation' });
    }
  } else if (basemap.kind === 'pmtiles') {
    sources.basemap = { type: 'raster', url: `pmtiles://${basemap.url}`, tileSize: basemap.tileSize, attribution: basemap.attribution };
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return { version: 8, sources: { ...sources, ...overlay.sources }, layers: [...layers, ...overlay.layers] };
}

/** A fetched MapLibre style with our overlays appended (its glyphs and sprite are kept). */
export function mergeStyle(base: StyleSpecification, districts: FeatureCollection, labels: FeatureCollection): StyleSpecification {
  const overlay = overlaySourcesAndLayers(districts, labels, false);
  return { ...base, sources: { ...base.sources, ...overlay.sources }, layers: [...base.layers, ...overlay.layers] };
}

/**
 * Label points at each district's label point; `text` is the label (name, and the metric when one
 * is shown); `zooms` each label's zoom (label-zooms.ts), by default placed for the text alone.
 */
export function districtLabelPoints(
  districts: FeatureCollection,
  text: (code: string, name: string) => string = (_c, n) => n,
  zooms: Float32Array = districtLabelZooms(districts, (c, n) => text(c, n).split('\n'), LABEL_TEXT_PX, LABEL_LINE_HEIGHT)
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: districts.features.map((f, i) => {
      const p = f.properties as { code: string; name: string; label: [number, number] };
      return {
        type: 'Feature',
        properties: { code: p.code, label: text(p.code, p.name), minzoom: zooms[i] },
        geometry: { type: 'Point', coordinates: p.label }
      };
    })
  };
}
