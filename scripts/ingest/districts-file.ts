/**
 * The district boundaries file, read and checked feature by feature, so that one bad feature is
 * named (its number, code and name) with what is wrong and what to do, rather than the whole
 * file being called "not valid JSON" or a broken polygon reaching the map.
 */
import { multiPolygon, polygon } from '@turf/turf';
import type { FeatureCollection, Position } from 'geojson';
import { readFile } from 'node:fs/promises';
import { asPathError } from '../lib/fs-errors.ts';
import { InputError } from './errors.ts';

const FIX = 'fix the boundaries file, or pass another with --districts';

/** NaN and Infinity, which some tools write into GeoJSON although JSON has no such numbers. */
const NON_NUMBERS = /(?<=[[,:]\s*)-?(?:NaN|Infinity)(?=\s*[\],}])/g;

function parse(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // read again with those tokens as null: the feature check below then names the feature
    const lenient = text.replace(NON_NUMBERS, 'null');
    if (lenient !== text) {
      try {
        return JSON.parse(lenient);
      } catch {
        /* not only that: report the JSON error itself */
      }
    }
    throw new InputError(file, `not valid JSON (${(err as Error).message}): ${FIX}`);
  }
}

/** Why a position is not [lon, lat] in degrees, or null. */
function badPosition(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2) return `${JSON.stringify(p)} is not a [lon, lat] position`;
  const [lon, lat] = p as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
    return `position [${String(lon)}, ${String(lat)}] is not two numbers (NaN, text or empty)`;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return `position [${lon}, ${lat}] is not longitude, latitude in degrees`;
  return null;
}

function positions(coords: unknown): unknown[] {
  if (!Array.isArray(coords)) return [coords];
  if (coords.length === 0 || !Array.isArray(coords[0])) return [coords];
  return coords.flatMap((c) => (Array.isArray(c) && Array.isArray(c[0]) ? positions(c) : [c]));
}

/** What is wrong with one feature, or null. */
function featureProblem(f: Record<string, unknown> | null): string | null {
  if (!f || f.type !== 'Feature') return 'is not a GeoJSON Feature';
  const p = (f.properties ?? {}) as Record<string, unknown>;
  if (p.code === undefined || p.code === null || String(p.code).trim() === '')
    return 'has no code property: give each district its admin code (code), name and label [lon, lat]';
  if (!p.name) return 'has no name property';
  const label = p.label as unknown;
  if (!Array.isArray(label) || label.length !== 2 || badPosition(label)) return `has no label [lon, lat] (got ${JSON.stringify(label)})`;
  const g = f.geometry as { type?: string; coordinates?: unknown } | null | undefined;
  if (!g) return "has no geometry: give it the district's Polygon or MultiPolygon";
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return `has a ${g.type} geometry: a district needs a Polygon or MultiPolygon`;
  const bad = positions(g.coordinates).map(badPosition).find(Boolean);
  if (bad) return `has bad coordinates: ${bad}`;
  try {
    if (g.type === 'Polygon') polygon(g.coordinates as Position[][]);
    else multiPolygon(g.coordinates as Position[][][]);
  } catch (err) {
    return `has a broken ${g.type}: ${(err as Error).message}`;
  }
  return null;
}

/** Reads and checks a boundaries GeoJSON (schema DistrictProperties); throws InputError naming every bad feature. */
export async function readDistrictsFile(file: string): Promise<FeatureCollection> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).replace(/^\ufeff/, '');
  } catch (err) {
    throw asPathError(err, { path: file, action: 'read', subject: 'district boundaries' });
  }
  const fc = parse(file, text) as { type?: string; features?: unknown };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new InputError(file, `not a GeoJSON FeatureCollection (type ${JSON.stringify(fc?.type)}): ${FIX}`);
  const problems = (fc.features as (Record<string, unknown> | null)[]).flatMap((f, i) => {
    const problem = featureProblem(f);
    if (!problem) return [];
    const p = (f?.properties ?? {}) as Record<string, unknown>;
    const who = [p.code, p.name].filter((x) => x !== undefined && x !== null && x !== '').join(' ');
    return [`feature ${i + 1}${who ? ` (${who})` : ''} ${problem}`];
  });
  if (!fc.features.length) problems.push('the file has no features');
  if (problems.length)
    throw new InputError(
      file,
      `district boundaries: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}: ${FIX}`
    );
  return fc as FeatureCollection;
}
