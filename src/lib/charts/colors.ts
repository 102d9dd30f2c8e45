/**
 * Colour palettes (Okabe–Ito, safe for the common colour-vision deficiencies).
 */
import type { Phase } from '../schema.ts';

export type Rgb = [number, number, number];

export const PHASE_COLORS: Record<Phase, Rgb> = {
  preparatory: [204, 121, 167],
  new: [230, 159, 0],
  continuing: [0, 114, 178],
  completion: [0, 158, 115]
};

export const UNKNOWN_COLOR: Rgb = [128, 128, 128];

export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
