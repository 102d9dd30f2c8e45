/**
 * The workspace's filters in the playback: the selected projects (playbackSelectionQuery's rows,
 * by row_key) turned into a mask over the playback's points (points.arrow `row_key`) and each
 * point's id for the card; the districts and sectors the summary can sum for the KPI figures.
 */
import { isEmptyFilter, type FilterDimension, type FilterState } from '../state/dimensions.ts';
import type { PointSelection } from './frame.ts';
import type { SummaryScope } from './summary.ts';

interface Column {
  length: number;
  at(i: number): unknown;
}

/**
 * The points' selection from the selected rows (`keys` row_keys, `ids` alongside). `filtered`
 * false: every point is shown (no filter), the rows only name them.
 */
export function pointSelection(pointKeys: Int32Array, keys: ArrayLike<number>, ids: Column, filtered: boolean): PointSelection {
  let top = -1;
  for (let i = 0; i < pointKeys.length; i++) if (pointKeys[i] > top) top = pointKeys[i];
  const rowOfKey = new Int32Array(top + 1).fill(-1);
  for (let r = 0; r < keys.length; r++) {
    const k = Number(keys[r]);
    if (k >= 0 && k <= top) rowOfKey[k] = r;
  }
  const rowOfPoint = new Int32Array(pointKeys.length);
  const mask = filtered ? new Uint8Array(pointKeys.length) : null;
  for (let i = 0; i < pointKeys.length; i++) {
    const r = rowOfKey[pointKeys[i]];
    rowOfPoint[i] = r;
    if (mask && r >= 0) mask[i] = 1;
  }
  return {
    mask,
    idAt: (i) => {
      const r = i >= 0 && i < rowOfPoint.length ? rowOfPoint[i] : -1;
      return r >= 0 ? String(ids.at(r) ?? '') : '';
    }
  };
}

/** The summary's scope of the filters (its only keys: districts and sectors). */
export function summaryScope(filters: FilterState): SummaryScope {
  return {
    ...(filters.district.length ? { districts: [...filters.district] } : {}),
    ...(filters.sector.length ? { sectors: [...filters.sector] } : {})
  };
}

/** The filters other than districts and sectors: the KPI figures and the curve leave them out. */
export function filtersBeyondSummary(filters: FilterState): FilterDimension[] {
  return (Object.keys(filters) as FilterDimension[]).filter((d) => d !== 'district' && d !== 'sector' && !isEmptyFilter(d, filters[d]));
}
