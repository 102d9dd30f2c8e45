/**
 * A playback session: the playhead over the programme's months, play / pause / step / speed, and
 * what the views draw at the playhead (the map's frame, the KPI figures, the curve, the events
 * passed). The map page and the war room each make one from the dataset's playback (load.ts); it
 * holds no query and reads no file.
 */
import type { SizeMode } from '../map/project-points.ts';
import type { MetricRules } from '../metrics/preset.ts';
import { KPI_STRIP_METRICS } from '../metrics/definitions.ts';
import type { PlaybackAxis } from './axis.ts';
import { playbackCurve, type PlaybackCurve } from './curve.ts';
import type { PlaybackEvent } from './events.ts';
import { frameBuffers, playbackFrame, type FrameBuffers, type PlaybackFrame } from './frame.ts';
import type { LoadedPlayback } from './load.ts';
import { summaryMetrics, type SummaryScope } from './summary.ts';

/** Steps a second the speed control offers. */
export const SPEEDS = [0.5, 1, 2, 4] as const;
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
}

export class PlaybackSession {
  readonly axis: PlaybackAxis;
  readonly events: PlaybackEvent[];
  readonly curve: PlaybackCurve;
  /** Axis index of the playhead. */
  at = $state(0);
  playing = $state(false);
  speed = $state<number>(2);
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
  readonly #scope: SummaryScope;
  #size: SizeMode;
  readonly #buffers: [FrameBuffers, FrameBuffers];
  #flip = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
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
    const opened = o.start ? this.axis.months.indexOf(o.start) : -1;
    this.#apply(opened >= 0 && this.axis.data[opened] >= 0 ? opened : this.first);
  }

  /** The first axis month with data. */
  get first(): number {
    return this.axis.data.findIndex((d) => d >= 0);
  }
  get month(): string {
    return this.axis.months[this.at];
  }
  /** Data month index at the playhead. */
  get dataMonth(): number {
    return this.axis.data[this.at];
  }
  get atEnd(): boolean {
    return this.at >= this.axis.last;
  }
  /** The events of the playhead's month. */
  get passing(): PlaybackEvent[] {
    return this.events.filter((e) => e.at === this.at);
  }

  set size(size: SizeMode) {
    if (size === this.#size) return;
    this.#size = size;
    this.#apply(this.at);
  }

  /** Moves the playhead to axis month `at` (kept within the months with data). */
  seek(at: number): void {
    const to = Math.min(Math.max(Math.round(at), this.first), this.axis.last);
    if (to !== this.at) this.#apply(to);
  }
  step(by: 1 | -1): void {
    this.seek(this.at + by);
  }
  play(): void {
    if (this.playing) return;
    if (this.atEnd) this.#apply(this.first);
    this.playing = true;
    this.#schedule();
  }
  pause(): void {
    this.playing = false;
    clearTimeout(this.#timer);
  }
  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }
  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.playing) {
      clearTimeout(this.#timer);
      this.#schedule();
    }
  }
  /** The map drew the frame at the playhead (its onrendered). */
  drawn(): void {
    this.#drawn = true;
  }
  destroy(): void {
    this.pause();
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      if (!this.playing) return;
      if (this.atEnd) return this.pause();
      this.step(1);
      if (this.atEnd) this.pause();
      else this.#schedule();
    }, 1000 / this.speed);
  }

  #apply(at: number): void {
    const t0 = performance.now();
    if (!this.#drawn) this.skipped += 1;
    this.#flip ^= 1;
    this.frame = playbackFrame(this.#loaded.data, this.axis.data[at], this.#size, this.#buffers[this.#flip]);
    const row = summaryMetrics(this.#loaded.summary, this.axis.data[at], PLAYBACK_METRICS, this.#rules, this.#scope);
    this.kpis = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
    this.at = at;
    this.stepMs = performance.now() - t0;
    this.steps += 1;
    this.#drawn = false;
  }
}
