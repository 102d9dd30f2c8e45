/**
 * A district's targets (districts.geojson: `target_annual_investment` in 万元, `target_new_starts`;
 * the demo data sets them from the initial plan) against its figures at the month. Where a
 * dataset gives a district none, and for a sector (no dataset has sector targets), the annual plan
 * and 序时进度 are the targets: the KPI strip measures those.
 */
import type { MetricContext } from '../../metrics/definitions.ts';
import type { DistrictProperties } from '../../schema.ts';
import { metricOf, type Sums } from '../overview/sums.ts';

export interface DistrictTargets {
  /** Annual investment target, cents of 万元. */
  annual: bigint | null;
  newStarts: number | null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The targets a district's properties carry; null when it has none. */
export function districtTargets(props: Partial<DistrictProperties> | undefined): DistrictTargets | null {
  const annual = finite(props?.target_annual_investment) ? BigInt(Math.round(props.target_annual_investment * 100)) : null;
  const newStarts = finite(props?.target_new_starts) ? Math.round(props.target_new_starts) : null;
  return annual === null && newStarts === null ? null : { annual, newStarts };
}

export interface TargetFigures {
  /** Annual plan now (implementation projects in the plan) against the target: cents, and the difference. */
  plan: { target: bigint; actual: bigint | null; diff: bigint | null } | null;
  /**
   * Completed this year against the target: cents, its share of the target, 序时进度 (the
   * metric), and ahead or behind of the target in points, 100 × (share − 序时进度).
   */
  completed: { target: bigint; actual: bigint | null; share: number | null; elapsed: number | null; points: number | null } | null;
  /** New projects started against the target number of starts. */
  starts: { target: number; actual: number | null; diff: number | null } | null;
}

/** The figures of `sums` (the selection's summed inputs) against the targets. */
export function targetFigures(targets: DistrictTargets, sums: Sums, ctx: MetricContext, internal: boolean): TargetFigures {
  const annual = sums.annual ?? null;
  const completed = sums.completed ?? null;
  const started = sums.new_started ?? null;
  const elapsed = metricOf(sums, 'elapsed_share', ctx, internal) as number | null;
  const T = targets.annual;
  const share = T !== null && T > 0n && completed !== null && internal ? Number(completed) / Number(T) : null;
  return {
    plan: T === null ? null : { target: T, actual: annual, diff: annual === null ? null : annual - T },
    completed:
      T === null || !internal
        ? null
        : { target: T, actual: completed, share, elapsed, points: share === null || elapsed === null ? null : 100 * (share - elapsed) },
    starts:
      targets.newStarts === null || !internal
        ? null
        : {
            target: targets.newStarts,
            actual: started === null ? null : Number(started),
            diff: started === null ? null : Number(started) - targets.newStarts
          }
  };
}
