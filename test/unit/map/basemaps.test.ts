/** The basemap site config and the styles built from it (no network: styles are only constructed). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { knownBasemaps, loadBasemaps, OFFLINE_BASEMAP, parseBasemap, parseBasemapConfig } from '../../../src/lib/map/basemaps.ts';
import { basemapStyle, districtLabelPoints, LABEL_LAYER_ID, mergeStyle } from '../../../src/lib/map/basemap-style.ts';

const CONFIG = 'https://intranet.example/command-map/config/basemaps.json';
const districts = (): FeatureCollection => ({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: '450202', name: '城中区', label: [109.41, 24.32] },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [109.4, 24.3],
            [109.45, 24.3],
            [109.45, 24.35],
            [109.4, 24.3]
          ]
        ]
      }
    }
  ]
});

describe('basemap site config', () => {
  it('without a config, or with an empty one, offers only the offline basemap', () => {
    expect(parseBasemapConfig(null, CONFIG)).toEqual({ basemaps: [OFFLINE_BASEMAP], errors: [] });
    expect(parseBasemapConfig({ basemaps: [] }, CONFIG).basemaps).toEqual([OFFLINE_BASEMAP]);
  });

  it('builds Tianditu WMTS vector tiles with their annotation layer and the tk key, on CGCS2000', () => {
    const b = parseBasemap({ id: 'tdt', type: 'tianditu', layer: 'vec', tk: 'KEY123' }, CONFIG);
    expect(b).toMatchObject({ kind: 'raster', datum: 'CGCS2000', tileSize: 256 });
    if (b.kind !== 'raster') throw new Error();
    expect(b.tiles).toHaveLength(8);
    expect(b.tiles[0]).toBe(
      'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY123'
    );
    expect(b.overlayTiles![3]).toContain('https://t3.tianditu.gov.cn/cva_w/wmts?');
    const img = parseBasemap({ id: 'img', type: 'tianditu', layer: 'img', tk: 'K' }, CONFIG);
    expect(img.kind === 'raster' && img.tiles[0]).toContain('/img_w/wmts?');
    expect(img.kind === 'raster' && img.overlayTiles![0]).toContain('/cia_w/wmts?');
  });

  it('refuses entries that cannot work and says why, keeping the others', () => {
    const { basemaps, errors } = parseBasemapConfig(
      {
        basemaps: [
          { id: 'a', type: 'tianditu' },
          { type: 'raster', tiles: ['x'] },
          { id: 'b', type: 'wms' },
          { id: 'ok', type: 'raster', tiles: ['t/{z}/{x}/{y}.png'] }
        ]
      },
      CONFIG
    );
    expect(basemaps.map((b) => b.id)).toEqual(['offline', 'ok']);
    expect(errors).toEqual(['a: Tianditu needs "tk"', 'basemap without "id"', 'b: unknown type "wms" (tianditu, raster, style, pmtiles)']);
  });

  it('resolves relative tile, style and PMTiles URLs against the config file, and reads the datum', () => {
    const r = parseBasemap({ id: 'r', type: 'raster', tiles: ['../tiles/{z}/{x}/{y}.png'], datum: 'GCJ-02' }, CONFIG);
    expect(r).toMatchObject({ datum: 'GCJ02', tiles: ['https://intranet.example/command-map/tiles/{z}/{x}/{y}.png'] });
    expect(parseBasemap({ id: 's', type: 'style', url: 'style.json' }, CONFIG)).toMatchObject({
      kind: 'style',
      url: 'https://intranet.example/command-map/config/style.json',
      datum: 'WGS84'
    });
    expect(parseBasemap({ id: 'p', type: 'pmtiles', url: '/maps/city.pmtiles' }, CONFIG)).toMatchObject({
      kind: 'pmtiles',
      url: 'https://intranet.example/maps/city.pmtiles'
    });
  });
});

describe('map styles', () => {
  it('the offline style names no glyphs, sprite or URL at all', () => {
    const style = basemapStyle(OFFLINE_BASEMAP, districts(), districtLabelPoints(districts()));
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(JSON.stringify(style)).not.toMatch(/https?:|pmtiles:/);
  });

  it('draws district labels last, so deck.gl layers placed before them stay underneath', () => {
    const style = basemapStyle(OFFLINE_BASEMAP, districts(), districtLabelPoints(districts()));
    expect(style.layers.at(-1)!.id).toBe(LABEL_LAYER_ID);
    expect(style.layers.map((l) => l.id)).toEqual([
      'background',
      'district-land',
      'district-choropleth',
      'district-selected',
      'district-line',
      LABEL_LAYER_ID
    ]);
  });

  it('puts a raster basemap and its annotation under the district overlay', () => {
    const b = parseBasemap({ id: 'tdt', type: 'tianditu', layer: 'img', tk: 'K' }, CONFIG);
    const style = basemapStyle(b, districts(), districtLabelPoints(districts()));
    expect(style.layers.map((l) => l.id)).toEqual([
      'background',
      'basemap',
      'basemap-annotation',
      'district-choropleth',
      'district-selected',
      'district-line',
      LABEL_LAYER_ID
    ]);
    expect(style.sources.basemap).toMatchObject({ type: 'raster', tileSize: 256 });
  });

  it('reads a PMTiles archive through the pmtiles protocol', () => {
    const b = parseBasemap({ id: 'p', type: 'pmtiles', url: 'https://intranet.example/maps/city.pmtiles' }, CONFIG);
    expect(basemapStyle(b, districts(), districtLabelPoints(districts())).sources.basemap).toEqual({
      type: 'raster',
      url: 'pmtiles://https://intranet.example/maps/city.pmtiles',
      tileSize: 256,
      attribution: undefined
    });
  });

  it('appends the overlay to a fetched MapLibre style, keeping its glyphs', () => {
    const base = {
      version: 8 as const,
      glyphs: 'https://x/{fontstack}/{range}.pbf',
      sources: { v: { type: 'vector' as const, url: 'https://x/v.json' } },
      layers: [{ id: 'water', type: 'background' as const }]
    };
    const merged = mergeStyle(base, districts(), districtLabelPoints(districts()));
    expect(merged.glyphs).toBe(base.glyphs);
    expect(merged.layers[0].id).toBe('water');
    expect(merged.layers.at(-1)!.id).toBe(LABEL_LAYER_ID);
    expect(Object.keys(merged.sources)).toEqual(['v', 'districts', 'district-labels']);
  });

  it('labels each district at its label point, with the metric on a second line when shown', () => {
    const labels = districtLabelPoints(districts(), (code, name) => `${name}\n${code}`);
    expect(labels.features[0]).toEqual({
      type: 'Feature',
      properties: { code: '450202', label: '城中区\n450202', minzoom: 0 },
      geometry: { type: 'Point', coordinates: [109.41, 24.32] }
    });
  });
});

describe('loadBasemaps', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the site config once per page: a page opened within the app starts with its map’s basemaps', async () => {
    const url = 'https://intranet.example/once/config/basemaps.json';
    const config = {
      basemaps: [
        { id: 'tiles', name: { 'zh-CN': '瓦片', en: 'Tiles' }, type: 'raster', tiles: ['https://intranet.example/t/{z}/{x}/{y}.png'] }
      ]
    };
    const fetch = vi.fn(async () => new Response(JSON.stringify(config)));
    vi.stubGlobal('fetch', fetch);
    expect(knownBasemaps(url)).toEqual([OFFLINE_BASEMAP]);
    const first = await loadBasemaps(url);
    expect(first.map((b) => b.id)).toEqual([OFFLINE_BASEMAP.id, 'tiles']);
    expect(await loadBasemaps(url)).toBe(first);
    expect(knownBasemaps(url)).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks again after a failure, which leaves the offline default', async () => {
    const url = 'https://intranet.example/failing/config/basemaps.json';
    const fetch = vi.fn(async () => new Response('gone', { status: 404 }));
    vi.stubGlobal('fetch', fetch);
    expect(await loadBasemaps(url)).toEqual([OFFLINE_BASEMAP]);
    expect(await loadBasemaps(url)).toEqual([OFFLINE_BASEMAP]);
    expect(knownBasemaps(url)).toEqual([OFFLINE_BASEMAP]);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
