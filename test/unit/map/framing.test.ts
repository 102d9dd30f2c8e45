import { describe, expect, it } from 'vitest';
import { keepFitted, type Box, type FittableMap } from '../../../src/lib/map/framing.ts';

/**
 * A stand-in for MapLibre's map: a camera, a container, and the events of MapLibre's resize()
 * (movestart, move, resize, moveend, with the camera kept) and of a jump (movestart, move, moveend).
 */
class FakeMap implements FittableMap {
  center = { lng: 0, lat: 0 };
  zoom = 0;
  width = 800;
  height = 600;
  private listeners = new Map<string, Array<() => void>>();
  getCenter = () => ({ ...this.center });
  getZoom = () => this.zoom;
  getContainer = () => ({ clientWidth: this.width, clientHeight: this.height });
  on(type: string, listener: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  off(type: string, listener: () => void) {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((l) => l !== listener)
    );
  }
  fire(type: string) {
    for (const l of this.listeners.get(type) ?? []) l();
  }
  fitBounds([[w, s], [e, n]]: [[number, number], [number, number]], { padding }: { padding: number }) {
    this.jump(
      { lng: (w + e) / 2, lat: (s + n) / 2 },
      Math.log2(Math.min((this.width - 2 * padding) / (e - w), (this.height - 2 * padding) / (n - s)))
    );
  }
  jump(center: { lng: number; lat: number }, zoom: number) {
    this.fire('movestart');
    this.center = center;
    this.zoom = zoom;
    this.fire('move');
    this.fire('moveend');
  }
  resize(width: number, height: number) {
    [this.width, this.height] = [width, height];
    this.fire('movestart');
    this.fire('move');
    this.fire('resize');
    this.fire('moveend');
  }
}

const CITY: Box = [108.5, 23.9, 110.1, 26.1];
const PADDING = 24;

function fittedMap() {
  const map = new FakeMap();
  map.fitBounds(
    [
      [CITY[0], CITY[1]],
      [CITY[2], CITY[3]]
    ],
    { padding: PADDING }
  );
  const refits: number[] = [];
  const kept = keepFitted(
    map,
    () => CITY,
    PADDING,
    (zoom) => refits.push(zoom)
  );
  return { map, kept, refits };
}

describe('a map kept on its bounds', () => {
  it('fits them again when its container resizes, and says so with the new zoom', () => {
    const { map, kept, refits } = fittedMap();
    const before = map.zoom;
    map.resize(800, 500);
    expect(map.zoom).toBeLessThan(before);
    expect(refits).toEqual([map.zoom]);
    map.resize(800, 681);
    expect(refits).toHaveLength(2);
    expect(map.zoom).toBeCloseTo(Math.log2((681 - 2 * PADDING) / (CITY[3] - CITY[1])), 12);
    expect(kept.holds()).toBe(true);
  });

  it('holds through the move events of the resize and of its own refit', () => {
    const { map, kept } = fittedMap();
    const seen: boolean[] = [];
    map.on('moveend', () => seen.push(kept.holds()));
    map.resize(1000, 700);
    // The refit's own moveend (inside the resize event), then the resize's.
    expect(seen).toEqual([true, true]);
  });

  it('stops once the map is moved, even when moved back to the same camera', () => {
    const { map, kept, refits } = fittedMap();
    const fitted = { center: map.getCenter(), zoom: map.zoom };
    map.jump({ lng: 109, lat: 25 }, fitted.zoom + 1);
    expect(kept.holds()).toBe(false);
    map.jump(fitted.center, fitted.zoom);
    map.resize(1000, 700);
    expect(refits).toEqual([]);
    expect(kept.holds()).toBe(false);
  });

  it('notices a move made without a move event (only the camera tells)', () => {
    const { map, refits } = fittedMap();
    map.zoom += 1e-6;
    map.resize(1000, 700);
    expect(refits).toEqual([]);
  });

  it('waits out a container too small for the padding, then fits', () => {
    const { map, refits } = fittedMap();
    map.resize(800, 2 * PADDING);
    expect(refits).toEqual([]);
    map.resize(800, 500);
    expect(refits).toHaveLength(1);
  });

  it('lets go when stopped', () => {
    const { map, kept, refits } = fittedMap();
    kept.stop();
    map.resize(1000, 700);
    expect(refits).toEqual([]);
  });
});
