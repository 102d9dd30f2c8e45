/**
 * One step of the playback, data side: the map's points at a month from the arrays loaded once
 * (load.ts). Only numeric loops over typed arrays, no query and no file: npm run bench holds a
 * step to 50 ms at 100k projects and 250 ms at 1M.
 *
 * Projects appear when they start (stages under_construction and finished), take the RAG colour
 * of that month, and a finished one is drawn as a ring (faded fill, an outline in its colour).
 */
import { paletteFor, type ProjectPoints, type SizeMode } from '../map/project-points.ts';
import { UNKNOWN_COLOR } from '../charts/colors.ts';
import { STAGE } from './format.ts';

export interface PlaybackData {
  /** Points (points.arrow's rows). */
  length: number;
  /** Data months (meta.json `facts_months`). */
  months: readonly string[];
  lonlat: Float32Array;
  phase: Uint8Array;
  sqrtTotal: Float32Array;
  sqrtAnnual: Float32Array;
  /** Each point's row_key (points.arrow `row_key`); null in a dataset written before it was. */
  rowKey: Int32Array | null;
  /** Month-major: row month × length + point. */
  stage: Uint8Array;
  rag: Uint8Array;
  /** completed_ytd in cents of 万元. */
  completed: Int32Array;
}

/**
 * The points the workspace's filters select (playback/selection.ts): 1 or 0 per point, null for
 * all; and a point's project id, for the card its click opens ('' when not known).
 */
export interface PointSelection {
  mask: Uint8Array | null;
  idAt(point: number): string;
}

/** The per-point arrays a frame writes; a caller alternates two sets, so the map sees new arrays each step. */
export interface FrameBuffers {
  fill: Uint8Array;
  line: Uint8Array;
  shown: Uint8Array;
  sqrtCompleted: Float32Array;
}

export interface PlaybackFrame {
  /** Data month index. */
  month: number;
  /** The map's points: `selected` is who is shown, `rag` that month's codes. */
  points: ProjectPoints;
  /** RGBA per point, fill and outline (ProjectMap's `pointStyle`). */
  style: { fill: Uint8Array; line: Uint8Array };
  /** Points shown by stage. */
  counts: { underConstruction: number; finished: number };
}

export const FINISHED_FILL_ALPHA = 70;
const BUILDING = STAGE.under_construction;
const FINISHED = STAGE.finished;
export const OUTLINE: readonly [number, number, number, number] = [40, 40, 40, 200];

export function frameBuffers(n: number): FrameBuffers {
  return { fill: new Uint8Array(4 * n), line: new Uint8Array(4 * n), shown: new Uint8Array(n), sqrtCompleted: new Float32Array(n) };
}

/** The frame of data month `month`, written into `into` (fresh buffers when absent), of the selected points only. */
export function playbackFrame(
  data: PlaybackData,
  month: number,
  size: SizeMode,
  into: FrameBuffers = frameBuffers(data.length),
  selection: PointSelection | null = null
): PlaybackFrame {
  const n = data.length;
  if (!Number.isInteger(month) || month < 0 || month >= data.months.length) throw new RangeError(`no data month ${month}`);
  const base = month * n;
  const rag = data.rag.subarray(base, base + n);
  const { fill, line, shown, sqrtCompleted } = into;
  // The palette flat, by code (codes past it in UNKNOWN_COLOR): no array is made per point.
  const colours = paletteFor('rag');
  const flat = new Uint8Array(3 * 256);
  for (let c = 0; c < 256; c++) flat.set(colours[c] ?? UNKNOWN_COLOR, 3 * c);
  const stages = data.stage.subarray(base, base + n);
  const mask = selection?.mask ?? null;
  let underConstruction = 0;
  let finished = 0;
  for (let i = 0; i < n; i++) {
    const stage = mask && !mask[i] ? STAGE.not_started : stages[i];
    const k = 3 * rag[i];
    const j = 4 * i;
    fill[j] = flat[k];
    fill[j + 1] = flat[k + 1];
    fill[j + 2] = flat[k + 2];
    if (stage === FINISHED) {
      finished++;
      fill[j + 3] = FINISHED_FILL_ALPHA;
      line[j] = flat[k];
      line[j + 1] = flat[k + 1];
      line[j + 2] = flat[k + 2];
      line[j + 3] = 255;
    } else {
      if (stage === BUILDING) underConstruction++;
      fill[j + 3] = 235;
      line[j] = OUTLINE[0];
      line[j + 1] = OUTLINE[1];
      line[j + 2] = OUTLINE[2];
      line[j + 3] = OUTLINE[3];
    }
    shown[i] = stage === BUILDING || stage === FINISHED ? 1 : 0;
  }
  if (size === 'completed') {
    for (let i = 0; i < n; i++) sqrtCompleted[i] = Math.sqrt(Math.max(data.completed[base + i], 0) / 100);
  }
  const points: ProjectPoints = {
    length: n,
    lonlat: data.lonlat,
    phase: data.phase,
    rag,
    sqrtTotal: data.sqrtTotal,
    sqrtAnnual: data.sqrtAnnual,
    sqrtCompleted: size === 'completed' ? sqrtCompleted : data.sqrtAnnual,
    selected: shown,
    shown: underConstruction + finished,
    idAt: selection ? (i) => selection.idAt(i) : () => '',
    nameAt: () => ''
  };
  return { month, points, style: { fill, line }, counts: { underConstruction, finished } };
}
