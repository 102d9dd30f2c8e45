/**
 * A playback session: the playhead over the programme's months, play / pause / step / speed, and
 * what the views draw at the playhead (the map's frame, the KPI figures, the curve, the events
 * passed). The map page and the war room each make one from the dataset's playback (load.ts); it
 * holds no query and reads no file. Its clock is a Playhead: the workspace's (`ws.playhead`, which
 * the milestones follow too) when given, else one of its own.
 */
import type { SizeMode } from '../map/project-points.ts';
import type { MetricRules } from '../metrics/preset.ts';
import { KPI_STRIP_METRICS } from '../metrics/definitions.ts';
import type { PlaybackAxis } from './axis.ts';
import { playbackCurve, type PlaybackCurve } from './curve.ts';
import type { PlaybackEvent } from './events.ts';
import { frameBuffers, playbackFrame, type FrameBuffers, type PlaybackFrame, type PointSelection } from './frame.ts';
import type { LoadedPlayback } from './load.ts';
import { Playhead } from './playhead.svelte.ts';
import { summaryMetrics, type SummaryScope } from './summary.ts';

export { SPEEDS } from './playhead.svelte.ts';
/** What the KPI strip shows during playback (the KPI strip's own metrics). */
export const PLAYBACK_METRICS = KPI_STRIP_METRICS;

export interface PlaybackSessionOptions {
  loaded: LoadedPlayback;
  axis: PlaybackAxis;
  events: PlaybackEvent[];
  rules: MetricRules;
  /** The month to open at ('YYYY-MM'); the first with data when absent or without data. */
  start?: string;
  size?: SizeMode;
  scope?: SummaryScope;
  /** The playhead to follow (the workspace's); the session makes its own when absent. */
  playhead?: Playhead;
}

export class PlaybackSession {
  readonly axis: PlaybackAxis;
  readonly events: PlaybackEvent[];
  readonly playhead: Playhead;
  /** The cumulative curve of the scope's districts and sectors. */
  curve = $state.raw<PlaybackCurve>(null!);
  /** The map's points at the playhead. */
  frame = $state.raw<PlaybackFrame>(null!);
  /** The KPI figures at the playhead (the KPI strip's metrics, from the summary). */
  kpis = $state.raw<Record<string, number | string | null>>({});
  /** Data-side time of the last step (the map's frame and the KPI figures), ms. */
  stepMs = $state(0);
  /** Steps whose frame the map had not drawn when the next step came (npm run bench). */
  skipped = $state(0);
  steps = $state(0);
  readonly #loaded: LoadedPlayback;
  readonly #rules: MetricRules;
  readonly #own: boolean;
  readonly #unlisten: () => void;
  #scope: SummaryScope;
  #selection: PointSelection | null = null;
  #size: SizeMode;
  readonly #buffers: [FrameBuffers, FrameBuffers];
  #flip = 0;
  #drawn = true;

  constructor(o: PlaybackSessionOptions) {
    this.#loaded = o.loaded;
    this.axis = o.axis;
    this.events = o.events;
    this.#rules = o.rules;
    this.#scope = o.scope ?? {};
    this.#size = o.size ?? 'total';
    this.#buffers = [frameBuffers(o.loaded.data.length), frameBuffers(o.loaded.data.length)];
    this.curve = playbackCurve(o.loaded.summary, o.rules, this.#scope);
    this.#own = !o.playhead;
    this.playhead = o.playhead ?? new Playhead(o.axis);
    this.playhead.events = o.events;
    this.playhead.engage(o.start);
    this.#apply();
    this.#unlisten = this.playhead.listen(() => {
      if (this.frame.month !== this.dataMonth) this.#apply();
    });
  }

  get at(): number {
    return this.playhead.at;
  }
  get playing(): boolean {
    return this.playhead.playing;
  }
  get speed(): number {
    return this.playhead.speed;
  }
  get first(): number {
    return this.playhead.first;
  }
  get month(): string {
    return this.playhead.month;
  }
  /** Data month index at the playhead. */
  get dataMonth(): number {
    return this.playhead.dataMonth;
  }
  get atEnd(): boolean {
    return this.playhead.atEnd;
  }
  /** The events of the playhead's month. */
  get passing(): PlaybackEvent[] {
    return this.playhead.passing;
  }

  /** Each point's row_key, to find the filtered projects among the points; null in an older dataset (filters then set aside). */
  get pointKeys(): Int32Array | null {
    return this.#loaded.data.rowKey;
  }

  set size(size: SizeMode) {
    if (size === this.#size) return;
    this.#size = size;
    this.#apply();
  }

  /**
   * The workspace's filters: the points they select (by point; null: all) and the pick's ids, and
   * the districts and sectors the KPI figures and the curve sum (the summary has no other keys).
   */
  select(selection: PointSelection | null, scope: SummaryScope): void {
    this.#selection = selection;
    if (JSON.stringify(scope) !== JSON.stringify(this.#scope)) {
      this.#scope = scope;
      this.curve = playbackCurve(this.#loaded.summary, this.#rules, scope);
    }
    // Not a step: a frame the map has not drawn yet is replaced, not skipped.
    this.#drawn = true;
    this.#apply();
  }

  seek(at: number): void {
    this.playhead.seek(at);
  }
  step(by: 1 | -1): void {
    this.playhead.step(by);
  }
  play(): void {
    this.playhead.play();
  }
  pause(): void {
    this.playhead.pause();
  }
  toggle(): void {
    this.playhead.toggle();
  }
  setSpeed(speed: number): void {
    this.playhead.setSpeed(speed);
  }
  /** The map drew the frame at the playhead (its onrendered). */
  drawn(): void {
    this.#drawn = true;
  }
  destroy(): void {
    this.#unlisten();
    if (this.#own) this.playhead.destroy();
    else this.playhead.pause();
  }

  #apply(): void {
    const t0 = performance.now();
    if (!this.#drawn) this.skipped += 1;
    this.#flip ^= 1;
    const month = this.dataMonth;
    this.frame = playbackFrame(this.#loaded.data, month, this.#size, this.#buffers[this.#flip], this.#selection);
    const row = summaryMetrics(this.#loaded.summary, month, PLAYBACK_METRICS, this.#rules, this.#scope);
    this.kpis = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
    this.stepMs = performance.now() - t0;
    this.steps += 1;
    this.#drawn = false;
  }
}
