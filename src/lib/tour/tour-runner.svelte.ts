/**
 * The tour as it runs on the screen: the state machine (tour.ts) on a clock that ticks four times a
 * second, the presenter's keys, and one callback when a cycle is completed. One timer and one key
 * listener for the screen's whole life, removed by `stop` (a tour that runs for days must not add
 * either at each scene).
 */
import { command, keyCommand, progress, startTour, tick, type TourCommand, type TourState } from './tour.ts';

export class TourRunner {
  state = $state.raw<TourState>(null!);
  /** The clock the screen shows (ms), updated with every tick. */
  now = $state(Date.now());
  readonly #onwrap: () => void;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(dwells: readonly number[], options: { idleMs: number; start?: number; onwrap: () => void }) {
    this.state = startTour(dwells, Date.now(), options);
    this.#onwrap = options.onwrap;
  }

  get progress(): number {
    return progress(this.state, this.now);
  }

  /** Seconds until an idle presenter hands back to the tour (0 while touring). */
  get resumesIn(): number {
    const s = this.state;
    return s.lastInput === null ? 0 : Math.max(0, Math.ceil((s.lastInput + s.idleMs - this.now) / 1000));
  }

  start(): () => void {
    this.#timer = setInterval(() => this.#tick(), 250);
    const onkey = (e: KeyboardEvent) => this.#key(e);
    window.addEventListener('keydown', onkey, true);
    return () => {
      if (this.#timer !== null) clearInterval(this.#timer);
      this.#timer = null;
      window.removeEventListener('keydown', onkey, true);
    };
  }

  command(c: TourCommand): void {
    this.now = Date.now();
    this.state = command(this.state, c, this.now);
  }

  #tick(): void {
    this.now = Date.now();
    const { state, wrapped } = tick(this.state, this.now);
    if (state !== this.state) this.state = state;
    if (wrapped) this.#onwrap();
  }

  #key(e: KeyboardEvent): void {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
    const c = keyCommand(e.key);
    if (!c) return;
    // Arrows and space would otherwise pan the map or scroll a table.
    e.preventDefault();
    e.stopPropagation();
    this.command(c);
  }
}
