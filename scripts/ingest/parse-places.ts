/**
 * Places and units in one cell ("城中区、鱼峰区", "市住建局，市交通局/柳东新区管委会"), and the
 * match of a place to a district of the dataset: exact name, name without its suffix
 * (区/县/市/自治县), admin code, a name ending in the district's name ("柳州市城中区"), or a
 * development zone through the per-dataset zone table ({"柳东新区": "450206"}).
 */
import { bbox, booleanPointInPolygon, pointToPolygonDistance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { DistrictProperties } from '../../src/lib/schema.ts';
import { cleanText, nameKey } from './text.ts';

/** Splits a list cell on 、，,／/；; and newlines; keeps order, drops blanks and duplicates. */
export function splitList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const parts = String(value)
    .split(/[、，,／/；;\n\r]+/)
    .map((s) => cleanText(s))
    .filter((s) => s !== '' && !/^(-|—|无)$/.test(s));
  return [...new Set(parts)];
}

export interface District {
  code: string;
  name: string;
  label: [number, number];
  /** The boundary, when known: locations are checked against it. */
  geometry?: Polygon | MultiPolygon;
}

/** Where a point lies among the districts: inside some, or outside all at a distance from the nearest. */
export type Whereabouts = { inside: District[] } | { inside: []; nearest: District; km: number };

export type PlaceMatch = { district: District; via: 'name' | 'short' | 'code' | 'suffix' | 'zone'; zone?: string };

const SUFFIX = /(各族自治县|自治县|自治旗|新区|开发区|县|区|市|旗)$/;
const shortName = (n: string) => {
  const s = nameKey(n)
    .replace(/(苗族|瑶族|侗族|壮族|回族|土家族|彝族|藏族|蒙古族)+自治县$/, '')
    .replace(SUFFIX, '');
  return s.length >= 2 ? s : nameKey(n);
};

export class DistrictIndex {
  readonly districts: District[];
  private byName = new Map<string, District>();
  private byShort = new Map<string, District>();
  private byCode = new Map<string, District>();
  private zones = new Map<string, District>();

  constructor(districts: District[], zones: Record<string, string> = {}) {
    this.districts = districts;
    for (const d of districts) {
      this.byName.set(nameKey(d.name), d);
      this.byShort.set(shortName(d.name), d);
      this.byCode.set(d.code, d);
    }
    for (const [zone, target] of Object.entries(zones)) {
      const d = this.byCode.get(String(target)) ?? this.byName.get(nameKey(String(target)));
      if (!d) throw new Error(`zone table: "${zone}" maps to "${target}", which is not a district code or name of the boundaries`);
      this.zones.set(nameKey(zone), d);
      this.zones.set(shortName(zone), d);
    }
  }

  static fromGeoJSON(fc: FeatureCollection, zones?: Record<string, string>): DistrictIndex {
    const list: District[] = fc.features.map((f: Feature, i) => {
      const p = (f.properties ?? {}) as Partial<DistrictProperties>;
      if (!p.code || !p.name || !Array.isArray(p.label) || p.label.length !== 2) {
        throw new Error(`boundaries feature ${i + 1} lacks code, name or label: ${JSON.stringify(p)}`);
      }
      const geometry = f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon' ? f.geometry : undefined;
      return { code: String(p.code), name: String(p.name), label: [Number(p.label[0]), Number(p.label[1])], geometry };
    });
    return new DistrictIndex(list, zones);
  }

  private boxes = new Map<District, number[]>();

  /** The districts containing [lon, lat] (WGS-84), or the nearest one; null without boundaries. */
  locate(lonLat: [number, number]): Whereabouts | null {
    if (!this.districts.length || this.districts.some((d) => !d.geometry)) return null;
    const inside = this.districts.filter((d) => {
      let b = this.boxes.get(d);
      if (!b) this.boxes.set(d, (b = bbox(d.geometry!)));
      const [lon, lat] = lonLat;
      return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3] && booleanPointInPolygon(lonLat, d.geometry!);
    });
    if (inside.length) return { inside };
    const [nearest, km] = this.districts
      .map((d) => [d, pointToPolygonDistance(lonLat, d.geometry!, { units: 'kilometers' })] as const)
      .reduce((a, b) => (b[1] < a[1] ? b : a));
    return { inside: [], nearest, km };
  }

  match(place: string): PlaceMatch | null {
    const k = nameKey(place);
    if (!k) return null;
    const zone = this.zones.get(k) ?? this.zones.get(shortName(k));
    if (zone) return { district: zone, via: 'zone', zone: place };
    const exact = this.byName.get(k);
    if (exact) return { district: exact, via: 'name' };
    const code = this.byCode.get(k);
    if (code) return { district: code, via: 'code' };
    // a development zone is not the district whose name it starts with: 柳东新区 ≠ 柳东
    if (/(新区|开发区|园区|高新区|工业区|保税区|示范区)$/.test(k)) return null;
    const short = this.byShort.get(shortName(k));
    if (short) return { district: short, via: 'short' };
    const ending = this.districts.filter((d) => k.endsWith(nameKey(d.name)));
    if (ending.length === 1) return { district: ending[0], via: 'suffix' };
    const prefixed = this.districts.filter((d) => nameKey(d.name).startsWith(shortName(k)) && shortName(k).length >= 2);
    if (prefixed.length === 1) return { district: prefixed[0], via: 'short' };
    return null;
  }
}
