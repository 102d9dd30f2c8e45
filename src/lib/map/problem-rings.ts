/**
 * The problems layer of the map: a ring around each selected project with problems open at the
 * month end, just outside its dot, coloured by the highest level one of them sits at (a purple-red
 * ramp up the ladder: owner → province), by whether any is overdue, or by whether any has overrun
 * its step on the preset's escalation ladder (rules/escalation.ts). Built once per answer as
 * binary attributes (queries/problems.ts `problemMarkersQuery`).
 */
import type { Rgb } from '../charts/colors.ts';
import { PROBLEM_LEVELS } from '../schema.ts';
import type { BinaryData } from './binary-attributes.ts';

export const PROBLEM_MARKINGS = ['off', 'level', 'overdue', 'overrun'] as const;
export type ProblemMarking = (typeof PROBLEM_MARKINGS)[number];

/** By level, lowest first (ColorBrewer PuRd, its light end left out to read on a light basemap). */
export const PROBLEM_LEVEL_COLORS: readonly Rgb[] = [
  [201, 148, 199],
  [223, 101, 176],
  [231, 41, 138],
  [206, 18, 86],
  [103, 0, 31]
];
/** Overdue: a red apart from the progress colours' vermillion; none overdue: a dark violet. */
export const OVERDUE_COLOR: Rgb = [200, 16, 46];
export const NOT_OVERDUE_COLOR: Rgb = [84, 39, 143];
/** Overran its step: a dark orange, apart from overdue's red; none overran: a slate grey-blue. */
export const OVERRUN_COLOR: Rgb = [217, 95, 2];
export const NOT_OVERRUN_COLOR: Rgb = [69, 117, 180];

export interface ProblemMarkerRow {
  id: string;
  lon: number;
  lat: number;
  open: number;
  overdue: number;
  /** Open problems past their escalation step (0 without a ladder). */
  overrun: number;
  top_level: number;
  /** Square roots of the money the dot's size modes read. */
  sqrt_total: number;
  sqrt_annual: number;
  sqrt_completed: number;
}

export interface ProblemRings extends BinaryData {
  ids: string[];
}

/** A ring's radius in pixels: just outside the project's dot, so neither hides the other. */
export const ringRadius = (dot: number): number => dot + 3.5;

export function ringColor(row: Pick<ProblemMarkerRow, 'overdue' | 'overrun' | 'top_level'>, marking: Exclude<ProblemMarking, 'off'>): Rgb {
  if (marking === 'overdue') return row.overdue > 0 ? OVERDUE_COLOR : NOT_OVERDUE_COLOR;
  if (marking === 'overrun') return row.overrun > 0 ? OVERRUN_COLOR : NOT_OVERRUN_COLOR;
  const level = Math.min(PROBLEM_LEVELS.length - 1, Math.max(0, Math.trunc(row.top_level)));
  return PROBLEM_LEVEL_COLORS[level];
}

/** The rings of the answer's rows around dots of radius `dot(row)`; `shift` moves positions into the basemap's datum. */
export function problemRings(
  rows: readonly ProblemMarkerRow[],
  marking: Exclude<ProblemMarking, 'off'>,
  dot: (row: ProblemMarkerRow) => number,
  shift?: (p: [number, number]) => [number, number]
): ProblemRings {
  const n = rows.length;
  const positions = new Float32Array(n * 2);
  const colors = new Uint8Array(n * 4);
  const radii = new Float32Array(n);
  rows.forEach((r, i) => {
    const [lon, lat] = shift ? shift([Number(r.lon), Number(r.lat)]) : [Number(r.lon), Number(r.lat)];
    positions[i * 2] = lon;
    positions[i * 2 + 1] = lat;
    colors.set([...ringColor(r, marking), 255], i * 4);
    radii[i] = ringRadius(dot(r));
  });
  return {
    length: n,
    ids: rows.map((r) => String(r.id)),
    attributes: {
      getPosition: { value: positions, size: 2 },
      getLineColor: { value: colors, size: 4, normalized: true },
      getRadius: { value: radii, size: 1 }
    }
  };
}
