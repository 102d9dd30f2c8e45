/**
 * The MapLibre style of a basemap chosen in the page: built here for the offline, raster and
 * PMTiles basemaps (PMTiles' protocol registered once, on first use), fetched and merged with the
 * dataset's districts for a style URL.
 */
import { addProtocol, type StyleSpecification } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import type { FeatureCollection } from 'geojson';
import { basemapStyle, mergeStyle } from './basemap-style.ts';
import type { Basemap } from './basemaps.ts';

let protocolAdded = false;

export async function styleFor(b: Basemap, districts: FeatureCollection, labels: FeatureCollection): Promise<StyleSpecification> {
  if (b.kind === 'pmtiles' && !protocolAdded) {
    addProtocol('pmtiles', new Protocol().tile);
    protocolAdded = true;
  }
  if (b.kind !== 'style') return basemapStyle(b, districts, labels);
  const res = await fetch(b.url);
  return mergeStyle((await res.json()) as StyleSpecification, districts, labels);
}
