/**
 * Where a plan row's project is: its district (the first known place of the district cell, or
 * the district code) and its location (coordinates converted to WGS-84, else the district's
 * label point). Coordinates are checked against the district polygons as an analyst would: a
 * point outside every district (a 城中区 project placed in Beijing) is an invalid row; a point
 * inside another district than the one named is a warning (border projects, generalised
 * boundaries), as is one just outside the boundaries.
 */
import type { Column } from './detect-layout.ts';
import type { Datum, Field } from './header-map.ts';
import type { Reason, WarningCheck } from './issues.ts';
import { datumFromCell, readCoordinates, splitCoordinateCell } from './locations.ts';
import { splitList, type District, type DistrictIndex } from './parse-places.ts';
import type { CellValue } from './read-workbook.ts';

/** A point this close outside the boundaries may be a generalised boundary rather than a typo. */
export const EDGE_KM = 1;

/** What the row reader lends: its cells, and its ways to report. */
export interface RowTools {
  at(c: Column | undefined): CellValue;
  colOf(f: Field): Column | undefined;
  issue(reason: Reason, c: Column | undefined, message: string, value?: unknown): void;
  warn(c: Column | undefined, message: string, check?: WarningCheck): void;
  defaultsUsed: Set<string>;
}

export function readDistrict(t: RowTools, districts: DistrictIndex): District | null {
  const dCol = t.colOf('district');
  const dCodeCol = t.colOf('district_code');
  const places = splitList(t.at(dCol));
  if (places.length) {
    const matches = places.map((p) => ({ p, m: districts.match(p) }));
    const first = matches.find((x) => x.m);
    if (!first) {
      t.issue(
        'unknown_district',
        dCol,
        `"${places.join('、')}" is not a district of the boundaries${/新区|开发区|园区|高新区/.test(places.join('')) ? ' (a development zone: map it with --zones)' : ''}`,
        t.at(dCol)
      );
      return null;
    }
    const district = first.m!.district;
    const unknown = matches.filter((x) => !x.m).map((x) => x.p);
    if (places.length > 1)
      t.warn(
        dCol,
        `several places "${places.join('、')}": district is the first known one, ${district.name}${unknown.length ? `; not districts: ${unknown.join('、')}` : ''}`
      );
    return district;
  }
  if (dCodeCol && t.at(dCodeCol) !== null) {
    const m = districts.match(String(t.at(dCodeCol)));
    if (!m) t.issue('unknown_district', dCodeCol, `code "${t.at(dCodeCol)}" is not a district of the boundaries`, t.at(dCodeCol));
    return m?.district ?? null;
  }
  if (districts.districts.length === 1) {
    const only = districts.districts[0];
    t.defaultsUsed.add(`district: the only district of the boundaries (${only.name}) where no district is given`);
    return only;
  }
  t.issue('unknown_district', dCol, dCol ? 'the district cell is empty' : 'the sheet has no district column (县区 / 建设地点)');
  return null;
}

export interface Location {
  lonLat: [number, number] | null;
  precision: 'surveyed' | 'geocoded' | 'district';
}

export function readLocation(
  t: RowTools,
  districts: DistrictIndex,
  district: District | null,
  datum: Datum | undefined,
  state: { datumWarned: boolean }
): Location {
  const lonCol = t.colOf('lon');
  const latCol = t.colOf('lat');
  const coordsCol = t.colOf('coords');
  const col = lonCol ?? coordsCol ?? latCol;
  if (col) {
    const [lonCell, latCell] = lonCol || latCol ? [t.at(lonCol), t.at(latCol)] : splitCoordinateCell(t.at(coordsCol));
    const declared =
      datumFromCell(t.at(t.colOf('datum'))) ?? lonCol?.meaning?.datum ?? latCol?.meaning?.datum ?? coordsCol?.meaning?.datum ?? datum;
    const res = readCoordinates(lonCell, latCell, declared ?? 'wgs84');
    if (!res.ok) t.issue('bad_coordinates', col, res.reason);
    else if (res.lonLat) {
      if (!declared && !state.datumWarned) {
        state.datumWarned = true;
        t.warn(col, 'coordinates without a declared datum are taken as WGS-84 (declare it in the header, a 坐标系 column or --datum)');
        t.defaultsUsed.add('coordinates: WGS-84 assumed where no datum is declared');
      }
      checkInDistrict(t, col, districts, district, res.lonLat);
      const geocoded = /编码|geocod/i.test(String(t.at(t.colOf('location_precision')) ?? ''));
      return { lonLat: res.lonLat, precision: geocoded ? 'geocoded' : 'surveyed' };
    }
  }
  if (!district) return { lonLat: null, precision: 'district' };
  t.defaultsUsed.add("location: the district's label point with location_precision 'district' where no coordinates are given");
  return { lonLat: district.label, precision: 'district' };
}

function checkInDistrict(t: RowTools, col: Column, districts: DistrictIndex, district: District | null, lonLat: [number, number]) {
  const where = districts.locate(lonLat);
  if (!where) return;
  const at = `coordinates ${lonLat[0]}, ${lonLat[1]} (WGS-84)`;
  const named = district ? `the row names ${district.name}` : 'the row names no known district';
  if ('nearest' in where) {
    const km = where.km < 10 ? where.km.toFixed(1) : Math.round(where.km).toLocaleString('en');
    if (where.km <= EDGE_KM)
      t.warn(
        col,
        `${at} lie ${km} km outside the boundaries, nearest ${where.nearest.name} (${named}): a generalised boundary?`,
        'location_near_edge'
      );
    else
      t.issue(
        'location_outside',
        col,
        `${at} lie outside every district of the boundaries, ${km} km from the nearest (${where.nearest.name}); ${named}: check the coordinates and their datum (坐标系 / --datum)`
      );
  } else if (district && !where.inside.some((d) => d.code === district.code)) {
    t.warn(
      col,
      `${at} lie in ${where.inside.map((d) => d.name).join('、')}, not in ${district.name} named by the row: check the coordinates or the district (a border project?)`,
      'location_other_district'
    );
  }
}
