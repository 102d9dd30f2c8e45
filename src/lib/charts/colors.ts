/**
 * Colour palettes (Okabe–Ito, safe for the common colour-vision deficiencies).
 * Points of each palette are also told apart by the legend text, and RAG by lightness:
 * vermillion (dark), yellow (light), bluish green (middle), so they survive greyscale too.
 */
import type { Phase } from '../schema.ts';
import type { Rag } from '../metrics/investment.ts';

export type Rgb = [number, number, number];

export const PHASE_COLORS: Record<Phase, Rgb> = {
  preparatory: [204, 121, 167],
  new: [230, 159, 0],
  continuing: [0, 114, 178],
  completion: [0, 158, 115]
};

/** RAG against the time-elapsed share: Okabe–Ito bluish green, yellow, vermillion. */
export const RAG_COLORS: Record<Rag, Rgb> = {
  green: [0, 158, 115],
  amber: [240, 228, 66],
  red: [213, 94, 0]
};

/** Projects with no annual plan (preparatory) have no RAG status. */
export const NO_PLAN_COLOR: Rgb = [160, 160, 160];

export const UNKNOWN_COLOR: Rgb = [128, 128, 128];

/** Highlight ring of the open project: black reads on every palette above. */
export const HIGHLIGHT_COLOR: Rgb = [20, 20, 20];

export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
