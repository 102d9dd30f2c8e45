/**
 * The map's districts as it draws them: the polygons, each one's choropleth fill and whether it is
 * selected (MapLibre feature states: district-states.ts), and a label per district (its name, and
 * the shaded figure when the map is shaded), shifted to the basemap's datum where it needs it.
 */
import type { FeatureCollection } from 'geojson';
import { districtLabelPoints, LABEL_LINE_HEIGHT, LABEL_TEXT_PX } from '../../map/basemap-style.ts';
import { districtLabelZooms } from '../../map/label-zooms.ts';
import { shiftGeoJSON, shiftPoint } from '../../map/datum.ts';
import { colorOf, type ChoroplethUnit, type ScaleSpec } from '../../charts/scales.ts';
import type { DistrictState } from '../../map/district-states.ts';
import { formatMoney, formatNumber, formatPercent, formatPoints, type Locale } from '../../i18n/format.ts';

/** The unit of each choropleth metric. */
export const CHORO_UNITS: Record<string, ChoroplethUnit> = {
  projects: 'count',
  total_investment: 'wan',
  annual_plan: 'wan',
  completion_rate: 'ratio',
  gap_points: 'points'
};

/** A shaded district's figure as its label and the legend show it. */
export function formatChoroValue(v: number | null | undefined, unit: ChoroplethUnit, locale: Locale): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  if (unit === 'wan') return formatMoney(v, locale);
  if (unit === 'ratio') return formatPercent(v, 0);
  if (unit === 'points') return formatPoints(v, locale, 0);
  return formatNumber(v);
}

const codeOf = (f: FeatureCollection['features'][number]) => (f.properties as { code: string }).code;

/** The district polygons as the map draws them: in the basemap's datum, each with its `code`. */
export function districtShapes(base: FeatureCollection, shift: boolean): FeatureCollection {
  return shift ? shiftGeoJSON(base) : base;
}

/** Each district's fill (null without shading) and whether it is selected (or the page's own), by code. */
export function districtStates(
  base: FeatureCollection,
  opts: {
    selected: readonly string[];
    focus: string | null;
    spec: ScaleSpec<number> | null;
    values: ReadonlyMap<string, number | null>;
  }
): Map<string, DistrictState> {
  return new Map(
    base.features.map((f) => {
      const code = codeOf(f);
      const fill = opts.spec ? colorOf(opts.spec, opts.values.get(code) ?? null) : null;
      return [code, { fill, selected: opts.selected.includes(code) || code === opts.focus }];
    })
  );
}

/**
 * A shaded figure's line, counted six digits wide ("1,234", "56.7亿"), so that the labels' zooms
 * do not change with the figures. A wider one ("−11个百分点") is let through where it may still
 * collide: MapLibre's collision hides it then.
 */
const FIGURE_LINE = '0000.0';
const zoomsOf = new WeakMap<FeatureCollection, Map<string, Float32Array>>();

/** Each label's zoom (label-zooms.ts), placed once for the districts, the language and whether figures are shown. */
function labelZooms(
  base: FeatureCollection,
  english: boolean,
  figure: boolean,
  local: (code: string, name: string) => string
): Float32Array {
  const key = `${english}:${figure}`;
  const known = zoomsOf.get(base) ?? new Map<string, Float32Array>();
  zoomsOf.set(base, known);
  let zooms = known.get(key);
  if (!zooms) {
    const lines = (code: string, name: string) => (figure ? [local(code, name), FIGURE_LINE] : [local(code, name)]);
    zooms = districtLabelZooms(base, lines, LABEL_TEXT_PX, LABEL_LINE_HEIGHT);
    known.set(key, zooms);
  }
  return zooms;
}

/** A label point per district: its name in the page's language, with the shaded figure under it. */
export function districtLabels(
  base: FeatureCollection,
  opts: { english: boolean; figure: ((code: string) => string) | null; shift: boolean }
): FeatureCollection {
  const nameEn = new Map(base.features.map((f) => [codeOf(f), (f.properties as { name_en?: string }).name_en]));
  const local = (code: string, name: string) => (opts.english && nameEn.get(code)) || name;
  const figure = opts.figure;
  const points = districtLabelPoints(
    base,
    (code, name) => (figure ? `${local(code, name)}\n${figure(code)}` : local(code, name)),
    labelZooms(base, opts.english, !!figure, local)
  );
  if (opts.shift) {
    for (const f of points.features)
      if (f.geometry.type === 'Point') f.geometry.coordinates = shiftPoint(f.geometry.coordinates as [number, number]);
  }
  return points;
}
