/**
 * The playhead: one month of the programme's axis, and the one clock that moves it (play, pause,
 * step, speed). The workspace holds one for every page (`ws.playhead`, written to the URL as
 * `at`), so the map's playback and the milestones' today line follow the same month; a playback
 * session without a workspace (a test, the bench) makes its own.
 *
 * `engaged` says someone has taken the playhead (the map's playback, the milestones' control):
 * views follow it then, and show the workspace month otherwise.
 */
import type { PlaybackAxis } from './axis.ts';
import type { PlaybackEvent } from './events.ts';

/** Steps a second the speed control offers. */
export const SPEEDS = [0.5, 1, 2, 4] as const;

export class Playhead {
  readonly axis: PlaybackAxis;
  /** Axis index of the playhead. */
  at = $state(0);
  engaged = $state(false);
  playing = $state(false);
  speed = $state<number>(2);
  /** The site's events on the axis (known once a playback has read its calendars). */
  events = $state.raw<PlaybackEvent[]>([]);
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(axis: PlaybackAxis) {
    this.axis = axis;
    this.at = Math.max(this.first, 0);
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
  /** Whether `month` ('YYYY-MM') is a month the playhead can stand on. */
  playable(month: string): boolean {
    const i = this.axis.months.indexOf(month);
    return i >= 0 && this.axis.data[i] >= 0;
  }

  /** Takes the playhead at `month` (else where it is, if it has data, else the first month with data). */
  engage(month?: string): void {
    const was = { engaged: this.engaged, at: this.at };
    this.engaged = true;
    if (month && this.playable(month)) this.at = this.axis.months.indexOf(month);
    if (!was.engaged || was.at !== this.at) this.#changed();
  }
  /** Hands the playhead back: views show the workspace month again. */
  release(): void {
    this.pause();
    if (!this.engaged) return;
    this.engaged = false;
    this.#changed();
  }

  /** Moves the playhead to axis month `at` (kept within the months with data). */
  seek(at: number): void {
    const to = Math.min(Math.max(Math.round(at), this.first), this.axis.last);
    if (to === this.at) return;
    this.at = to;
    this.#changed();
  }
  step(by: 1 | -1): void {
    this.seek(this.at + by);
  }
  play(): void {
    if (this.playing) return;
    if (this.atEnd) this.seek(this.first);
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
  /** Calls `fn` at once after each move (and engage or release); returns the way to stop. */
  listen(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
  destroy(): void {
    this.pause();
    this.#listeners.clear();
  }

  #changed(): void {
    for (const fn of this.#listeners) fn();
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
}
