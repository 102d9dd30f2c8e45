/**
 * Colour and size scales of the map and charts, as pure {type, domain, range} specs (tested like
 * Observable Plot's scales) plus the function that applies each.
 */
import { scaleOrdinal, scaleQuantize, scaleSqrt, scaleThreshold, schemeBlues, schemePuOr } from 'd3';
import { PHASES, type Phase } from '../schema.ts';
import { hex, NO_PLAN_COLOR, PHASE_COLORS } from './colors.ts';

export interface ScaleSpec<D = number | string> {
  type: 'ordinal' | 'threshold' | 'sqrt' | 'quantize';
  domain: D[];
  range: (string | number)[];
}

/** Phase → colour (Okabe–Ito). */
export function phaseColorScale(): ScaleSpec<Phase> {
  return { type: 'ordinal', domain: [...PHASES], range: PHASES.map((p) => hex(PHASE_COLORS[p])) };
}

export const NO_PLAN_HEX = hex(NO_PLAN_COLOR);

/**
 * Point radius in pixels from money in 万元: area proportional to money (sqrt), the reference
 * project (98th percentile, see map/project-points.ts) at `refPx`. Radii are clamped to
 * [minPx, maxPx] so the smallest stay visible and a giant does not cover a district.
 */
export function sizeScale(referenceWan: number, refPx = 14): ScaleSpec<number> & { minPx: number; maxPx: number; factor: number } {
  const ref = Math.max(referenceWan, 1);
  return { type: 'sqrt', domain: [0, ref], range: [0, refPx], minPx: 2.5, maxPx: 40, factor: refPx / Math.sqrt(ref) };
}

/** The radius the map draws for `wan` (deck.gl: factor × sqrt, then radiusMin/MaxPixels). */
export function sizeOf(spec: ReturnType<typeof sizeScale>, wan: number): number {
  const r = scaleSqrt()
    .domain(spec.domain)
    .range(spec.range as number[])(Math.max(wan, 0));
  return Math.min(Math.max(r, spec.minPx), spec.maxPx);
}

/**
 * Shrinks the dots of a dense map so a national dataset is not one blot: full size up to
 * `comfortable` points, then ∝ 1/√n, growing back ×√2 per zoom level in from the first view.
 */
export function densityScale(points: number, zoomIn: number, comfortable = 3000): number {
  const density = Math.min(1, Math.sqrt(comfortable / Math.max(points, 1)));
  return Math.min(1, density * 2 ** (Math.max(zoomIn, 0) / 2));
}

export type ChoroplethUnit = 'ratio' | 'points' | 'count' | 'wan';

/**
 * District choropleth: amounts on a five-step sequential blue scale from 0 to the largest value,
 * rates over the span they cover; gaps in points on a diverging orange–purple scale with the RAG rule's breaks
 * (dark orange: more than `amberPoints` behind, light orange: behind, purples: on or ahead of
 * plan, dark from 10 points ahead), both safe for colour-blind readers.
 */
export function choroplethScale(unit: ChoroplethUnit, values: number[], amberPoints = 10): ScaleSpec<number> {
  if (unit === 'points') {
    const [ahead2, ahead1, , behind1, behind2] = schemePuOr[5];
    return { type: 'threshold', domain: [-amberPoints, 0, 10], range: [behind2, behind1, ahead1, ahead2] };
  }
  const finite = values.filter(Number.isFinite);
  const max = finite.length ? Math.max(...finite) : 1;
  if (unit === 'ratio') {
    // Rates bunch together (every district near the time-elapsed share): spread the five steps
    // over the range they span, on 5% boundaries, or every district would get the same blue.
    const min = finite.length ? Math.min(...finite) : 0;
    const lo = Math.floor(min * 20) / 20;
    const hi = Math.max(Math.ceil(max * 20) / 20, lo + 0.05);
    return { type: 'quantize', domain: [lo, hi], range: [...schemeBlues[5]] };
  }
  return { type: 'quantize', domain: [0, Math.max(max, 1)], range: [...schemeBlues[5]] };
}

/** Applies a colour spec to a value; null and non-finite values get the no-data grey. */
export function colorOf(spec: ScaleSpec<number>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA_HEX;
  if (spec.type === 'threshold')
    return scaleThreshold<number, string>()
      .domain(spec.domain)
      .range(spec.range as string[])(value);
  if (spec.type === 'quantize') {
    return scaleQuantize<string>()
      .domain(spec.domain as [number, number])
      .range(spec.range as string[])(value);
  }
  return scaleOrdinal<number, string>()
    .domain(spec.domain)
    .range(spec.range as string[])(value);
}

export const NO_DATA_HEX = '#eeeeee';
