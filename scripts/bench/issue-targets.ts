/**
 * The targets issue 23 (interactive at first paint) and issue 17 (the analyst's table and its
 * CSV export) set in `npm run bench`, as lines of a size's target list (report.ts), so that a run
 * says itself what it meets. Sizes an issue gives no figure for get no line.
 */
import type { AnalystResult } from './analyst.ts';

export interface TargetLine {
  name: string;
  limit: string;
  value: number | null;
  met: boolean | null;
}

/** A target of "at most `limit`": met when the value is measured and not above it. */
export function atMost(name: string, limit: number, value: number | null | undefined, unit: string): TargetLine {
  const measured = typeof value === 'number' && Number.isFinite(value);
  return { name, limit: `≤ ${limit} ${unit}`, value: measured ? value : null, met: measured ? value <= limit : null };
}

interface FirstPaintLimits {
  interactive_ms: number;
  interactive_vs_floor?: number;
  filter_p95_ms: number;
  bytes_before_interactive_mb?: number;
  renderer_peak_mb: number;
}

/** Issue 23's table: 1k, 100k and 1M projects (data side, medians, 2 cores). */
export const FIRST_PAINT_LIMITS: Record<number, FirstPaintLimits> = {
  1_000: { interactive_ms: 1_500, filter_p95_ms: 16, bytes_before_interactive_mb: 10, renderer_peak_mb: 400 },
  100_000: { interactive_ms: 3_000, interactive_vs_floor: 4, filter_p95_ms: 50, bytes_before_interactive_mb: 20, renderer_peak_mb: 800 },
  1_000_000: { interactive_ms: 10_000, interactive_vs_floor: 2, filter_p95_ms: 100, renderer_peak_mb: 1_200 }
};

export interface FirstPaintFigures {
  interactive_ms: number | null | undefined;
  interactive_vs_floor: number | null | undefined;
  filter_p95_ms: number | null | undefined;
  bytes_before_interactive: number | null | undefined;
  renderer_peak_mb: number | null | undefined;
}

/** Issue 23's targets at a size, from its medians (an empty list at a size the issue does not name). */
export function firstPaintTargets(projects: number, f: FirstPaintFigures): TargetLine[] {
  const l = FIRST_PAINT_LIMITS[projects];
  if (!l) return [];
  const mb = typeof f.bytes_before_interactive === 'number' ? f.bytes_before_interactive / 2 ** 20 : null;
  return [
    atMost('interactive: filters, RAG, picking answered (median)', l.interactive_ms, f.interactive_ms, 'ms'),
    ...(l.interactive_vs_floor ? [atMost('interactive ÷ floor', l.interactive_vs_floor, f.interactive_vs_floor, '×')] : []),
    atMost('filter → every view, data (p95)', l.filter_p95_ms, f.filter_p95_ms, 'ms'),
    ...(l.bytes_before_interactive_mb ? [atMost('bytes before interactive (median)', l.bytes_before_interactive_mb, mb, 'MB')] : []),
    atMost('renderer memory peak over the map’s stages (median)', l.renderer_peak_mb, f.renderer_peak_mb, 'MB')
  ];
}

/** Issue 17's targets for the data page: no long task over 50 ms scrolling 1M rows; CSV of 100k rows ≤ 2 s, of 1M ≤ 15 s. */
export function analystTargets(projects: number, a: AnalystResult | undefined): TargetLine[] {
  if (!a) return [];
  const csvLimit = projects === 100_000 ? 2 : projects === 1_000_000 ? 15 : null;
  return [
    ...(projects === 1_000_000 ? [atMost('data page scrolled through every row, longest task', 50, a.scroll_longest_task_ms, 'ms')] : []),
    ...(csvLimit ? [atMost('data page: CSV export of every row', csvLimit, a.csv_export_s, 's')] : [])
  ];
}
