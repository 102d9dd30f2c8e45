/**
 * The district labels' size in a MapLibre map's style, kept across style changes: the war room's
 * wall sets its own (ProjectMap `labelPx`), every other map the style's.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_HALO_PX, LABEL_LAYER_ID, LABEL_TEXT_PX } from './basemap-style.ts';

/**
 * Sets the labels' text size (and their halo in proportion) now and on every new style (a
 * basemap switch starts from the style's size); `shown` gets the size MapLibre then holds.
 * Returns what stops it.
 */
export function keepLabelSize(map: MapLibreMap, px: number, shown: (px: number) => void): () => void {
  const apply = () => {
    if (!map.getLayer(LABEL_LAYER_ID)) return;
    map.setLayoutProperty(LABEL_LAYER_ID, 'text-size', px);
    map.setPaintProperty(LABEL_LAYER_ID, 'text-halo-width', (LABEL_HALO_PX * px) / LABEL_TEXT_PX);
    shown(map.getLayoutProperty(LABEL_LAYER_ID, 'text-size') as number);
  };
  apply();
  map.on('style.load', apply);
  return () => map.off('style.load', apply);
}
