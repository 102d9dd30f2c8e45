/**
 * Projects as deck.gl binary attributes: the query returns Arrow columns already typed for deck
 * (FLOAT positions and radii, UTINYINT codes), whose typed arrays go to the GPU as they are.
 * No per-project JS object is made; the only loops are numeric ones over typed arrays.
 */
import { column, literal, Query, sql, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import { PHASES } from '../schema.ts';
import { RAG_VALUES } from '../metrics/investment.ts';
import { sizeScale } from '../charts/scales.ts';
import { NO_PLAN_COLOR, PHASE_COLORS, RAG_COLORS, UNKNOWN_COLOR, type Rgb } from '../charts/colors.ts';

export type ColorMode = 'phase' | 'rag';
export type SizeMode = 'total' | 'annual' | 'completed' | 'uniform';

/** A column of an Arrow result (flechette or apache-arrow both have these). */
export interface ArrowColumn<T = unknown> {
  at?(i: number): T | null;
  get?(i: number): T | null;
  toArray(): ArrayLike<T>;
}
export interface ArrowTable {
  numRows: number;
  getChild(name: string): ArrowColumn | null | undefined;
  /** An answer from the page (db/local/answers.ts SelectedRows): the rows shown, 1 a row. */
  selection?: Uint8Array;
}

export interface ProjectPoints {
  length: number;
  /** WGS-84 lon/lat, interleaved, as queried. */
  lonlat: Float32Array;
  phase: Uint8Array;
  /** 0 no plan, 1 green, 2 amber, 3 red. */
  rag: Uint8Array;
  /** sqrt of 万元, so the radius is a constant factor of it (area ∝ money). */
  sqrtTotal: Float32Array;
  sqrtAnnual: Float32Array;
  sqrtCompleted: Float32Array;
  /**
   * 1 for the points the filters select, null for all. The page's answers keep the month's
   * points and send only this (deck.gl's DataFilterExtension hides the rest): at 1M projects a
   * copy of the selected points per filter change was the largest part of the garbage.
   */
  selected: Uint8Array | null;
  /** Points shown: `length`, or the ones `selected`. */
  shown: number;
  /** Project id of row i, read lazily (never looped over). */
  idAt(i: number): string;
  nameAt(i: number): string;
}

/** A VARCHAR enumeration as a UTINYINT code: index + offset; unknown values 255, NULL → 0 when offset is 1. */
function codeOf(name: string, values: readonly string[], offset = 0) {
  const whens = values.map((v, i) => sql`WHEN ${literal(v)} THEN ${literal(i + offset)}`);
  const cases = whens.reduce((a, b) => sql`${a} ${b}`);
  return sql`CAST(CASE ${column(name)} ${cases} ELSE ${literal(offset === 0 ? 255 : 0)} END AS UTINYINT)`;
}

/** SELECT the point columns FROM facts WHERE in plan AND filter, largest first (small ones draw on top). */
export function projectPointsQuery(ctx: { facts: FactsSource; filter?: FilterExpr | null }): SelectQuery {
  const q = Query.from(ctx.facts)
    .select({
      id: 'id',
      row_key: 'row_key',
      // A project without coordinates is not drawn (NaN), never at 0°, 0°.
      lon: sql`coalesce(CAST(lon AS FLOAT), CAST('NaN' AS FLOAT))`,
      lat: sql`coalesce(CAST(lat AS FLOAT), CAST('NaN' AS FLOAT))`,
      phase_code: codeOf('phase', PHASES),
      rag_code: codeOf('rag', RAG_VALUES, 1),
      sqrt_total: sql`CAST(sqrt(greatest(total_investment, 0)) AS FLOAT)`,
      sqrt_annual: sql`CAST(sqrt(greatest(annual_plan, 0)) AS FLOAT)`,
      sqrt_completed: sql`CAST(sqrt(greatest(coalesce(completed_ytd, 0), 0)) AS FLOAT)`
    })
    .where(sql`in_plan`)
    .orderby(sql`total_investment DESC`, 'id');
  if (ctx.filter) q.where(ctx.filter);
  return q;
}

function valueAt(col: ArrowColumn, i: number): unknown {
  return col.at ? col.at(i) : col.get!(i);
}

function typed<T>(table: ArrowTable, name: string, Kind: { new (n: number): T; from(a: ArrayLike<number>): T }): T {
  const arr = table.getChild(name)!.toArray() as unknown;
  return arr instanceof (Kind as unknown as typeof Float32Array) ? (arr as T) : Kind.from(arr as ArrayLike<number>);
}

/** Interleaved positions per lon column: the page's answers hand the same columns over at every change. */
const interleaved = new WeakMap<Float32Array, Float32Array>();

function lonLat(lon: Float32Array, lat: Float32Array, n: number): Float32Array {
  const known = interleaved.get(lon);
  if (known && known.length === n * 2) return known;
  const lonlat = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    lonlat[2 * i] = lon[i];
    lonlat[2 * i + 1] = lat[i];
  }
  interleaved.set(lon, lonlat);
  return lonlat;
}

/** Turns the query's Arrow result into binary attributes. */
export function pointsFromArrow(table: ArrowTable): ProjectPoints {
  const n = table.numRows;
  const lonlat = lonLat(typed(table, 'lon', Float32Array), typed(table, 'lat', Float32Array), n);
  const selected = table.selection instanceof Uint8Array && table.selection.length === n ? table.selection : null;
  let shown = n;
  if (selected) {
    shown = 0;
    for (let i = 0; i < n; i++) shown += selected[i];
  }
  const ids = table.getChild('id')!;
  // Names are not queried for the map (a third of the transfer at a million rows); the tooltip asks for one.
  const names = table.getChild('name');
  return {
    length: n,
    lonlat,
    phase: typed(table, 'phase_code', Uint8Array),
    rag: typed(table, 'rag_code', Uint8Array),
    sqrtTotal: typed(table, 'sqrt_total', Float32Array),
    sqrtAnnual: typed(table, 'sqrt_annual', Float32Array),
    sqrtCompleted: typed(table, 'sqrt_completed', Float32Array),
    selected,
    shown,
    idAt: (i) => String(valueAt(ids, i)),
    nameAt: (i) => (names ? String(valueAt(names, i)) : '')
  };
}

/** Palette indexed by code: phase codes 0…3, RAG codes 0 (no plan) … 3 (red). */
export function paletteFor(mode: ColorMode): Rgb[] {
  return mode === 'phase' ? PHASES.map((p) => PHASE_COLORS[p]) : [NO_PLAN_COLOR, ...RAG_VALUES.map((r) => RAG_COLORS[r])];
}

/** The last colours made from a code column: a filter change answered in the page keeps the columns. */
const madeColors = new WeakMap<Uint8Array, { mode: ColorMode; mask: Uint8Array | null; colors: Uint8Array }>();

/**
 * RGBA per point from its code; points outside `mask` (a lasso or box on the map) are faded.
 */
export function colorsFor(points: ProjectPoints, mode: ColorMode, mask: Uint8Array | null = null): Uint8Array {
  const codes = mode === 'phase' ? points.phase : points.rag;
  const made = madeColors.get(codes);
  if (made && made.mode === mode && made.mask === mask && made.colors.length === points.length * 4) return made.colors;
  const colors = paintColors(points, codes, mode, mask);
  madeColors.set(codes, { mode, mask, colors });
  return colors;
}

function paintColors(points: ProjectPoints, codes: Uint8Array, mode: ColorMode, mask: Uint8Array | null): Uint8Array {
  const palette = paletteFor(mode);
  const out = new Uint8Array(points.length * 4);
  for (let i = 0; i < points.length; i++) {
    const [r, g, b] = palette[codes[i]] ?? UNKNOWN_COLOR;
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = mask && !mask[i] ? 40 : 235;
  }
  return out;
}

/** The size attribute of a size mode; null for uniform dots. */
export function sizeValues(points: ProjectPoints, mode: SizeMode): Float32Array | null {
  if (mode === 'uniform') return null;
  return mode === 'total' ? points.sqrtTotal : mode === 'annual' ? points.sqrtAnnual : points.sqrtCompleted;
}

/**
 * Reference sizes over the whole programme (not the filtered set, so dots keep their size while
 * filtering): the 98th percentile of sqrt(money) per size mode. One outlier would otherwise
 * shrink every other dot to the minimum.
 */
export function sizeReferenceQuery(facts: FactsSource): SelectQuery {
  const q98 = (c: string) => sql`CAST(quantile_cont(sqrt(greatest(coalesce(${column(c)}, 0), 0)), 0.98) AS DOUBLE)`;
  return Query.from(facts)
    .select({ total: q98('total_investment'), annual: q98('annual_plan'), completed: q98('completed_ytd') })
    .where(sql`in_plan`);
}

/** Pixels per unit of sqrt(万元): the size scale's factor for the reference project. */
export function radiusFactor(referenceSqrt: number | null | undefined): number {
  const ref = Math.max(referenceSqrt ?? 0, 1);
  return sizeScale(ref * ref).factor;
}

/**
 * A dot's radius in pixels (before the density scale) from its square roots of money: the size
 * mode's value times its factor, within the layer's limits; a uniform dot is 4.
 */
export function dotRadius(
  size: SizeMode,
  sqrt: { sqrt_total: number; sqrt_annual: number; sqrt_completed: number },
  reference: Record<string, number | null>
): number {
  if (size === 'uniform') return 4;
  const value = size === 'total' ? sqrt.sqrt_total : size === 'annual' ? sqrt.sqrt_annual : sqrt.sqrt_completed;
  return Math.min(Math.max(radiusFactor(reference[size]) * Number(value), 2.5), 40);
}
