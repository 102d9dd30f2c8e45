/**
 * A comparison (对比): two districts (or sectors) at the month shown, or one of them at the month
 * shown against an earlier month. Every figure is the metric's own formula over each side's summed
 * inputs; each difference is A − B: money exactly (cents of 万元, when the figure is a sum of
 * money), rates and gaps in percentage points, counts as counts.
 *
 *   /compare/?a=450202&b=450203        城中区 against 鱼峰区
 *   /compare/?a=450202&am=2022-06      城中区 at the month shown against June
 */
import { metricById, type MetricContext, type MetricUnit } from '../../metrics/definitions.ts';
import { COMPARE_INPUTS } from '../../queries/drilldown.ts';
import { isDrillKey, kindOfKey, type DrillTarget, type KnownDistricts } from '../../state/drill.ts';
import type { UrlNotice } from '../../state/url-values.ts';
import { metricOf, sumRows, type InputRow, type Sums } from '../overview/sums.ts';

export interface CompareSide {
  target: DrillTarget;
  /** 'YYYY-MM' */
  month: string;
}

export interface Comparison {
  a: CompareSide;
  b: CompareSide;
}

/** The sides a comparison's parameters name. A is at the month shown; B is `b` (or A) at `am` (or the month shown). */
export function readComparison(
  params: URLSearchParams,
  known: { districts: KnownDistricts; months: readonly string[]; month: string },
  notices: UrlNotice[] = []
): Comparison | null {
  const a = params.get('a')?.trim() ?? '';
  const kind = kindOfKey(a);
  if (!a || !isDrillKey(kind, a, known.districts)) {
    if (a) notices.push({ key: 'url.unknownValue', params: { param: 'a', value: a } });
    return null;
  }
  let b = params.get('b')?.trim() || null;
  if (b !== null && (b === a || kindOfKey(b) !== kind || !isDrillKey(kind, b, known.districts))) {
    notices.push({ key: 'url.unknownValue', params: { param: 'b', value: b } });
    b = null;
  }
  let am = params.get('am')?.trim() || null;
  if (am !== null && !known.months.includes(am)) {
    notices.push({ key: 'url.unknownValue', params: { param: 'am', value: am } });
    am = null;
  }
  if (b === null && am === null) am = earlierMonth(known.months, known.month);
  if (b === null && (am === null || am === known.month)) return null;
  return { a: { target: { kind, key: a }, month: known.month }, b: { target: { kind, key: b ?? a }, month: am ?? known.month } };
}

/** The month before `month` among the dataset's months, or null for its first. */
export function earlierMonth(months: readonly string[], month: string): string | null {
  const i = months.indexOf(month);
  return i > 0 ? months[i - 1] : null;
}

/** A comparison's own parameters. */
export function comparisonParams(c: Comparison, shownMonth: string): URLSearchParams {
  const p = new URLSearchParams({ a: c.a.target.key });
  if (c.b.target.key !== c.a.target.key) p.set('b', c.b.target.key);
  if (c.b.month !== shownMonth) p.set('am', c.b.month);
  return p;
}

/** The figures compared, in display order; those needing internal data are left out of a public build. */
export const COMPARE_METRICS = [
  'projects',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'gap_wan',
  'new_projects',
  'new_started',
  'start_rate',
  'completion_projects',
  'completion_finished',
  'finish_rate',
  'approvals_rate',
  'stat_registered_rate',
  'problems_open',
  'problems_overdue',
  'reports_late'
] as const;

export type Difference =
  /** Exact money: cents of 万元. */
  | { kind: 'cents'; value: bigint }
  /** 万元 that are not a plain sum (the gap in 万元). */
  | { kind: 'wan'; value: number }
  | { kind: 'points'; value: number }
  | { kind: 'count'; value: number };

export interface CompareRow {
  id: string;
  unit: MetricUnit;
  a: number | string | null;
  b: number | string | null;
  /** A − B; null when either side has no value, or for a status (RAG). */
  diff: Difference | null;
}

/** Summed inputs of one side from its query's single row. */
export const sideSums = (rows: readonly InputRow[]): Sums => sumRows(rows, undefined, COMPARE_INPUTS);

/** Every compared figure of the two sides, with its difference. */
export function compareRows(a: Sums, b: Sums, ctxA: MetricContext, ctxB: MetricContext, internal: boolean): CompareRow[] {
  return COMPARE_METRICS.map((id) => metricById(id)!)
    .filter((m) => internal || !m.internal)
    .map((m) => {
      const va = metricOf(a, m.id, ctxA, internal) as number | string | null;
      const vb = metricOf(b, m.id, ctxB, internal) as number | string | null;
      return { id: m.id, unit: m.unit, a: va, b: vb, diff: difference(m.unit, m.inputs, a, b, va, vb) };
    });
}

function difference(unit: MetricUnit, inputs: readonly string[], a: Sums, b: Sums, va: unknown, vb: unknown): Difference | null {
  if (typeof va !== 'number' || typeof vb !== 'number') return null;
  if (unit === 'wan' && inputs.length === 1) {
    // A sum of money: the difference of the exact sums, not of the rounded figures.
    const ca = a[inputs[0] as keyof Sums];
    const cb = b[inputs[0] as keyof Sums];
    return ca === null || ca === undefined || cb === null || cb === undefined ? null : { kind: 'cents', value: ca - cb };
  }
  if (unit === 'wan') return { kind: 'wan', value: va - vb };
  if (unit === 'ratio') return { kind: 'points', value: 100 * (va - vb) };
  if (unit === 'points') return { kind: 'points', value: va - vb };
  return { kind: 'count', value: va - vb };
}
