import { describe, expect, it } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { shimTransformForDeck } from '../../../src/lib/map/interleaved-shim.ts';

describe('transform shim for deck.gl interleaved mode on MapLibre 6', () => {
  it('exposes the camera transform as map.transform, following later camera changes', () => {
    const camera = { transform: { height: 600, _nearZ: 1 } };
    const map = { _camera: camera } as unknown as MapLibreMap & { transform: unknown };
    shimTransformForDeck(map);
    expect(map.transform).toBe(camera.transform);
    camera.transform = { height: 700, _nearZ: 2 };
    expect(map.transform).toBe(camera.transform);
  });

  it('leaves a map that still has its own transform alone', () => {
    const own = { height: 1 };
    const map = { transform: own, _camera: { transform: { height: 2 } } } as unknown as MapLibreMap & { transform: unknown };
    shimTransformForDeck(map);
    expect(map.transform).toBe(own);
  });
});
