/** Shared calibration helpers: exact integer splits of published cells into project amounts. */
import type { Phase, Sector, ProjectLevel } from '../../src/lib/schema.ts';
import { allocate } from './allocate.ts';
import type { District } from './geo.ts';
import type { Rng } from './prng.ts';
import type { ProjectSpec } from './project.ts';

/** Splits a cell total (万元) over `count` projects: lognormal sizes, each ≥ minEach, ≤ maxShare. */
export function splitTotals(rng: Rng, count: number, total: number, minEach: number, sigma = 0.9, maxShare = 0.3): number[] {
  if (count === 0) return [];
  const w = Array.from({ length: count }, () => rng.logNormal(0, sigma));
  const floor = Math.min(minEach, Math.floor(total / count / 2));
  const cap = Math.max(Math.ceil(total * maxShare), Math.ceil((total / count) * 2.5));
  return allocate(total, w, new Array(count).fill(floor), new Array(count).fill(cap));
}

const ANNUAL_BOUNDS: Record<Exclude<Phase, 'preparatory'>, [number, number]> = {
  new: [0.02, 0.6],
  continuing: [0.03, 0.5],
  completion: [0.05, 1]
};

/** Splits a cell's annual plan over projects, in proportion to size, within phase bounds. */
export function splitAnnual(rng: Rng, phase: Phase, totals: number[], annualTotal: number): number[] {
  if (phase === 'preparatory') return totals.map(() => 0);
  let [lo, hi] = ANNUAL_BOUNDS[phase];
  const sum = totals.reduce((s, t) => s + t, 0);
  if (annualTotal < sum * lo) lo = 0;
  if (annualTotal > sum * hi) hi = 1;
  const w = totals.map((t) => t * rng.logNormal(0, 0.35));
  return allocate(
    annualTotal,
    w,
    totals.map((t) => Math.floor(t * lo)),
    totals.map((t) => Math.floor(t * hi))
  );
}

/** Investment before the plan year, so that annual ≤ total − invested_before. */
export function investedBefore(rng: Rng, phase: Phase, total: number, annual: number): number {
  const room = total - annual;
  if (phase === 'continuing') return Math.floor(room * rng.range(0.15, 0.8));
  if (phase === 'completion') return rng.chance(0.7) ? room : Math.max(0, room - Math.floor(annual * rng.range(0, 0.15)));
  return 0;
}

export function districtWeights(districts: District[], urban: Record<string, number> = {}): number[] {
  return districts.map((d) => Math.pow(d.areaKm2, 0.3) * (urban[d.code] ?? 1));
}

export interface CellInput {
  phase: Phase;
  sector: Sector;
  count: number;
  total: number;
  annual: number;
  level: ProjectLevel;
}

/** Builds the specs of one published cell, with ids from `nextId`. */
export function cellSpecs(
  rng: Rng,
  cell: CellInput,
  districts: District[],
  weights: number[],
  nextId: () => string,
  minEach: number
): ProjectSpec[] {
  const totals = splitTotals(rng, cell.count, cell.total, minEach);
  const annuals = splitAnnual(rng, cell.phase, totals, cell.annual);
  return totals.map((t, i) => ({
    id: nextId(),
    sector: cell.sector,
    phase: cell.phase,
    level: cell.level,
    total: t,
    annual: annuals[i],
    investedBefore: investedBefore(rng, cell.phase, t, annuals[i]),
    district: rng.weighted(districts, weights)
  }));
}

export const seq = (prefix: string, width = 4) => {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(width, '0')}`;
};
