/**
 * The two files a dataset's playback reads, written by the finishing step of every dataset writer
 * (scripts/lib/playback-files.ts) and read once by the page (load.ts), instead of a facts file a month:
 *
 * - `playback.parquet`: one row per point of the map and month, month-major (row = month × points
 *   + point), a point being a row of points.arrow (the first paint's order: largest project first).
 *   Columns `month` (index in meta.json `facts_months`), `point`, `stage` (STAGES), `rag` (the map's
 *   RAG code: 0 no plan, 1 green, 2 amber, 3 red) and `completed` (completed_ytd in cents of 万元).
 * - `playback-summary.parquet`: the additive metric inputs (metrics/inputs.ts) of the projects in
 *   the plan, per month × district × sector, made by the metrics' own `inputsQuery` on each
 *   month's facts; any metric of a month for any set of districts and sectors is `metricValue`
 *   over their sums (summary.ts).
 */
import { INPUT_IDS } from '../metrics/inputs.ts';

export const PLAYBACK_STATE_FILE = 'playback.parquet';
export const PLAYBACK_SUMMARY_FILE = 'playback-summary.parquet';

/** A project's stage at a month: the map shows stages 1 and 2 (started), the finished ones in their own style. */
export const STAGES = ['not_started', 'under_construction', 'finished', 'left_plan'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE: Record<Stage, number> = { not_started: 0, under_construction: 1, finished: 2, left_plan: 3 };

export const STATE_COLUMNS = ['month', 'point', 'stage', 'rag', 'completed'] as const;
/** The columns the page decodes: month and point are implied by the row's place. */
export const STATE_DECODED = ['stage', 'rag', 'completed'] as const;

export const SUMMARY_KEYS = ['month', 'district_code', 'sector'] as const;
export const SUMMARY_COLUMNS = [...SUMMARY_KEYS, ...INPUT_IDS] as const;

/** meta.json `playback`: the files, and the shape the state file must have. */
export interface PlaybackMeta {
  state: string;
  summary: string;
  /** Rows of points.arrow (the points of every month). */
  points: number;
  /** Months, as meta.json `facts_months`. */
  months: number;
}
