/**
 * The district labels' size in a MapLibre map's style, kept across style changes: the war room's
 * wall sets its own (ProjectMap `labelPx`), every other map the style's.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_HALO_PX, LABEL_LAYER_ID, LABEL_TEXT_PX, labelZoomFilter } from './basemap-style.ts';

/** The labels' size as MapLibre holds it, and how many it drew when last idle (tests read both). */
export interface LabelsShown {
  px: number;
  drawn: number;
}

/**
 * Sets the labels' text size (their halo, and the zoom each is let through from, in proportion)
 * now and on every new style (a basemap switch starts from the style's size); `shown` gets the
 * size MapLibre then holds, and the labels drawn whenever the map is idle. Returns what stops it.
 */
export function keepLabelSize(map: MapLibreMap, px: number, shown: (labels: LabelsShown) => void): () => void {
  let held = 0;
  const apply = () => {
    if (!map.getLayer(LABEL_LAYER_ID)) return;
    map.setLayoutProperty(LABEL_LAYER_ID, 'text-size', px);
    // Larger labels collide until a higher zoom (label-zooms.ts).
    map.setFilter(LABEL_LAYER_ID, labelZoomFilter(px));
    map.setPaintProperty(LABEL_LAYER_ID, 'text-halo-width', (LABEL_HALO_PX * px) / LABEL_TEXT_PX);
    held = map.getLayoutProperty(LABEL_LAYER_ID, 'text-size') as number;
    shown({ px: held, drawn: 0 });
  };
  const idle = () => {
    if (map.getLayer(LABEL_LAYER_ID)) shown({ px: held, drawn: map.queryRenderedFeatures({ layers: [LABEL_LAYER_ID] }).length });
  };
  apply();
  map.on('style.load', apply);
  map.on('idle', idle);
  return () => {
    map.off('style.load', apply);
    map.off('idle', idle);
  };
}
