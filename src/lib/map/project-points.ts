/**
 * Turns an Arrow query result into deck.gl binary attributes (no per-project JS objects).
 */
import type { Table } from 'apache-arrow';
import { PHASES } from '../schema.ts';
import { PHASE_COLORS, UNKNOWN_COLOR } from '../charts/colors.ts';

export interface ProjectPoints {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array;
}

/** Point radius in pixels from total investment in 万元: area grows with money, within bounds. */
export function radiusForInvestment(wan: number): number {
  const r = 2 + Math.sqrt(Math.max(wan, 0) / 10000) * 1.6;
  return Math.min(r, 24);
}

/** Expects columns lon, lat (numbers), phase (string), total (number of 万元). */
export function pointsFromArrow(table: Table): ProjectPoints {
  const n = table.numRows;
  const lon = table.getChild('lon')!;
  const lat = table.getChild('lat')!;
  const phase = table.getChild('phase')!;
  const total = table.getChild('total')!;
  const positions = new Float32Array(n * 2);
  const colors = new Uint8Array(n * 4);
  const radii = new Float32Array(n);
  const lookup = new Map(PHASES.map((p) => [p, PHASE_COLORS[p]]));
  for (let i = 0; i < n; i++) {
    positions[i * 2] = Number(lon.get(i));
    positions[i * 2 + 1] = Number(lat.get(i));
    const [r, g, b] = lookup.get(phase.get(i)) ?? UNKNOWN_COLOR;
    colors.set([r, g, b, 230], i * 4);
    radii[i] = radiusForInvestment(Number(total.get(i)));
  }
  return { length: n, positions, colors, radii };
}
