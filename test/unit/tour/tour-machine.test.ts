import { describe, expect, it } from 'vitest';
import { command, keyCommand, progress, startTour, tick, type TourState } from '../../../src/lib/tour/tour.ts';

const DWELLS = [1000, 2000, 500];
const start = (at = 0) => startTour(DWELLS, at, { idleMs: 10_000 });

/** Ticks every 100 ms from `from` to `to`, returning the last state and the scenes seen and wraps. */
function run(s: TourState, from: number, to: number) {
  const seen = [s.index];
  let wraps = 0;
  for (let now = from; now <= to; now += 100) {
    const r = tick(s, now);
    s = r.state;
    if (r.moved) seen.push(s.index);
    if (r.wrapped) wraps++;
  }
  return { state: s, seen, wraps };
}

describe('the tour on its own', () => {
  it('shows each scene for its dwell time and completes a cycle back to the first', () => {
    const { state, seen, wraps } = run(start(), 0, 3500);
    expect(seen).toEqual([0, 1, 2, 0]);
    expect(wraps).toBe(1);
    expect(state.cycles).toBe(1);
  });

  it('moves on exactly when a dwell ends, not before', () => {
    const s = start();
    expect(tick(s, 999).moved).toBe(false);
    expect(tick(s, 1000).state.index).toBe(1);
  });

  it('reports how far through its dwell the scene is', () => {
    expect(progress(start(), 250)).toBe(0.25);
    expect(progress(start(), 5000)).toBe(1);
  });

  it('starts at the scene asked for, within the tour', () => {
    expect(startTour(DWELLS, 0, { idleMs: 1, start: 2 }).index).toBe(2);
    expect(startTour(DWELLS, 0, { idleMs: 1, start: 9 }).index).toBe(2);
    expect(() => startTour([], 0, { idleMs: 1 })).toThrow();
  });
});

describe('a presenter', () => {
  it('goes to the next and previous scene, round the ends, and holds it', () => {
    let s = command(start(), { kind: 'next' }, 100);
    expect([s.index, s.mode]).toEqual([1, 'presenting']);
    s = command(s, { kind: 'previous' }, 200);
    s = command(s, { kind: 'previous' }, 300);
    expect(s.index).toBe(2);
    // held: no dwell ends while the presenter has it
    expect(tick(s, 5000).state.index).toBe(2);
  });

  it('jumps to a scene by number and ignores a number past the last', () => {
    const s = command(start(), { kind: 'jump', index: 2 }, 100);
    expect(s.index).toBe(2);
    expect(command(s, { kind: 'jump', index: 7 }, 200).index).toBe(2);
  });

  it('pauses and resumes with the same key, keeping the dwell already spent', () => {
    let s = command(start(), { kind: 'toggle-pause' }, 400);
    expect(s.mode).toBe('paused');
    expect(tick(s, 3000).state.index).toBe(0);
    expect(progress(s, 3000)).toBeCloseTo(0.4);
    s = command(s, { kind: 'toggle-pause' }, 3000);
    expect(s.mode).toBe('touring');
    expect(tick(s, 3599).state.index).toBe(0);
    expect(tick(s, 3600).state.index).toBe(1);
  });

  it('hands back to the tour with Esc: the scene shown gets its whole dwell', () => {
    let s = command(start(), { kind: 'next' }, 100);
    s = command(s, { kind: 'hand-back' }, 500);
    expect(s.mode).toBe('touring');
    expect(tick(s, 2499).state.index).toBe(1);
    expect(tick(s, 2500).state.index).toBe(2);
  });

  it('is handed back to the tour after the idle time, paused or presenting', () => {
    let s = command(start(), { kind: 'next' }, 100);
    expect(tick(s, 10_099).state.mode).toBe('presenting');
    s = tick(s, 10_100).state;
    expect(s.mode).toBe('touring');
    expect(tick(s, 12_099).state.index).toBe(1);
    expect(tick(s, 12_100).state.index).toBe(2);
    const paused = command(start(), { kind: 'toggle-pause' }, 0);
    expect(tick(paused, 10_000).state.mode).toBe('touring');
  });

  it('keeps the idle time from the last key, not the first', () => {
    let s = command(start(), { kind: 'next' }, 0);
    s = command(s, { kind: 'next' }, 9000);
    expect(tick(s, 15_000).state.mode).toBe('presenting');
    expect(tick(s, 19_000).state.mode).toBe('touring');
  });
});

describe('keys', () => {
  it('maps arrows, page keys, space, Esc and digits; other keys do nothing', () => {
    expect(keyCommand('ArrowRight')).toEqual({ kind: 'next' });
    expect(keyCommand('PageDown')).toEqual({ kind: 'next' });
    expect(keyCommand('ArrowLeft')).toEqual({ kind: 'previous' });
    expect(keyCommand('PageUp')).toEqual({ kind: 'previous' });
    expect(keyCommand(' ')).toEqual({ kind: 'toggle-pause' });
    expect(keyCommand('Escape')).toEqual({ kind: 'hand-back' });
    expect(keyCommand('3')).toEqual({ kind: 'jump', index: 2 });
    expect(keyCommand('0')).toEqual({ kind: 'jump', index: 9 });
    expect(keyCommand('a')).toBeNull();
  });
});
