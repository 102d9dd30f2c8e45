/**
 * The tour's state machine, pure and driven by the clock it is given: which scene is shown, whether
 * the tour moves on by itself (`touring`), is held by a presenter (`presenting`: a key was
 * pressed; the tour takes over again after the idle time) or paused (space; also handed back after
 * the idle time, so a screen left paused does not stay so for days). Every function returns a new
 * state; `tick` says whether the scene changed and whether a cycle was completed.
 */
export type TourMode = 'touring' | 'presenting' | 'paused';

export interface TourState {
  /** Dwell time of each scene, ms. */
  readonly dwells: readonly number[];
  readonly index: number;
  readonly mode: TourMode;
  /** When the scene shown began counting its dwell (touring), ms. */
  readonly since: number;
  /** Dwell already spent on the scene when it was paused or taken over, ms. */
  readonly spent: number;
  /** The presenter's last key, ms; null while touring. */
  readonly lastInput: number | null;
  readonly idleMs: number;
  /** Cycles completed (the last scene's dwell ended and the tour went back to the first). */
  readonly cycles: number;
}

export type TourCommand =
  { kind: 'next' } | { kind: 'previous' } | { kind: 'toggle-pause' } | { kind: 'jump'; index: number } | { kind: 'hand-back' };

export interface TickResult {
  state: TourState;
  /** The scene shown changed. */
  moved: boolean;
  /** A cycle was completed on this tick (the tour went from the last scene back to the first). */
  wrapped: boolean;
}

export function startTour(dwells: readonly number[], now: number, options: { idleMs: number; start?: number }): TourState {
  if (dwells.length === 0) throw new Error('a tour needs at least one scene');
  const index = Math.min(Math.max(0, options.start ?? 0), dwells.length - 1);
  return { dwells, index, mode: 'touring', since: now, spent: 0, lastInput: null, idleMs: options.idleMs, cycles: 0 };
}

/** How far through its dwell the scene shown is, 0–1 (held where a presenter or a pause stopped it). */
export function progress(s: TourState, now: number): number {
  const dwell = s.dwells[s.index];
  const spent = s.mode === 'touring' ? s.spent + (now - s.since) : s.spent;
  return Math.min(1, Math.max(0, spent / dwell));
}

/** Moves the tour on as time passes: a scene whose dwell is over gives way, an idle presenter hands back. */
export function tick(s: TourState, now: number): TickResult {
  let state = s;
  if (state.mode !== 'touring' && state.lastInput !== null && now - state.lastInput >= state.idleMs) {
    state = { ...state, mode: 'touring', since: now, lastInput: null };
  }
  if (state.mode !== 'touring') return { state, moved: false, wrapped: false };
  if (state.spent + (now - state.since) < state.dwells[state.index]) return { state, moved: false, wrapped: false };
  const wrapped = state.index === state.dwells.length - 1;
  const next = { ...state, index: wrapped ? 0 : state.index + 1, since: now, spent: 0, cycles: state.cycles + (wrapped ? 1 : 0) };
  return { state: next, moved: true, wrapped };
}

/** A presenter's command (a key or a remote's button). */
export function command(s: TourState, c: TourCommand, now: number): TourState {
  const n = s.dwells.length;
  const held = (index: number, mode: TourMode = s.mode === 'paused' ? 'paused' : 'presenting'): TourState => ({
    ...s,
    index,
    mode,
    since: now,
    spent: index === s.index ? spentNow(s, now) : 0,
    lastInput: now
  });
  switch (c.kind) {
    case 'next':
      return held((s.index + 1) % n);
    case 'previous':
      return held((s.index - 1 + n) % n);
    case 'jump':
      return c.index >= 0 && c.index < n ? held(c.index) : { ...s, lastInput: s.mode === 'touring' ? null : now };
    case 'toggle-pause':
      return s.mode === 'paused'
        ? { ...s, mode: 'touring', since: now, lastInput: null }
        : { ...s, mode: 'paused', spent: spentNow(s, now), since: now, lastInput: now };
    case 'hand-back':
      return { ...s, mode: 'touring', since: now, spent: s.mode === 'touring' ? spentNow(s, now) : 0, lastInput: null };
  }
}

function spentNow(s: TourState, now: number): number {
  return s.mode === 'touring' ? s.spent + (now - s.since) : s.spent;
}

/** The command a key stands for (presentation remotes send PageUp / PageDown), or null. Digits are 1-based scenes. */
export function keyCommand(key: string): TourCommand | null {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return { kind: 'next' };
    case 'ArrowLeft':
    case 'PageUp':
      return { kind: 'previous' };
    case ' ':
    case 'Spacebar':
      return { kind: 'toggle-pause' };
    case 'Escape':
      return { kind: 'hand-back' };
  }
  if (/^[1-9]$/.test(key)) return { kind: 'jump', index: Number(key) - 1 };
  if (key === '0') return { kind: 'jump', index: 9 };
  return null;
}
