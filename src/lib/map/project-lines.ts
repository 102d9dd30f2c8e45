/**
 * Linear projects (roads, pipelines): their GeoJSON line geometry joined to the facts. Few rows,
 * so plain objects are fine here; colours follow the point codes.
 */
import { Query, sql, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import type { Geometry } from 'geojson';
import type { FactsSource } from '../metrics/query.ts';
import { paletteFor } from './project-points.ts';
import { UNKNOWN_COLOR, type Rgb } from '../charts/colors.ts';
import { PHASES } from '../schema.ts';
import { RAG_VALUES } from '../metrics/investment.ts';

export interface ProjectPath {
  id: string;
  name: string;
  path: [number, number][];
  /** First vertex in WGS-84 (before any datum shift), to test against a map selection. */
  start: [number, number];
  phaseColor: Rgb;
  ragColor: Rgb;
}

export interface ProjectLines {
  length: number;
  paths: ProjectPath[];
}

/** Facts rows with a line geometry, filtered like the points. */
export function projectLinesQuery(ctx: { facts: FactsSource; filter?: FilterExpr | null }): SelectQuery {
  const q = Query.from(ctx.facts)
    .select('id', 'row_key', 'name', 'phase', 'rag', 'geometry')
    .where(sql`in_plan AND geometry IS NOT NULL`)
    .orderby('id');
  if (ctx.filter) q.where(ctx.filter);
  return q;
}

function pathsOf(geometry: Geometry): [number, number][][] {
  if (geometry.type === 'LineString') return [geometry.coordinates as [number, number][]];
  if (geometry.type === 'MultiLineString') return geometry.coordinates as [number, number][][];
  return [];
}

/** Rows → paths; `shift` moves coordinates onto a GCJ-02 basemap when needed. */
export function linesFromRows(
  rows: { id: string; name: string; phase: string; rag: string | null; geometry: string }[],
  shift?: (p: [number, number]) => [number, number]
): ProjectLines {
  const phasePalette = paletteFor('phase');
  const ragPalette = paletteFor('rag');
  const paths: ProjectPath[] = [];
  for (const row of rows) {
    let geometry: Geometry;
    try {
      geometry = JSON.parse(row.geometry) as Geometry;
    } catch {
      continue;
    }
    const phaseColor = phasePalette[PHASES.indexOf(row.phase as never)] ?? UNKNOWN_COLOR;
    const ragColor = ragPalette[row.rag ? RAG_VALUES.indexOf(row.rag as never) + 1 : 0] ?? UNKNOWN_COLOR;
    for (const path of pathsOf(geometry)) {
      paths.push({ id: row.id, name: row.name, path: shift ? path.map(shift) : path, start: path[0], phaseColor, ragColor });
    }
  }
  return { length: paths.length, paths };
}
