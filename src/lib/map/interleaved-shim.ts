/**
 * deck.gl 9.4's MapboxOverlay in interleaved mode reads `map.transform` (height, _nearZ, elevation:
 * see @deck.gl/mapbox/dist/deck-utils.js). MapLibre 6 moved the transform to
 * `map._camera.transform`, so interleaved mode throws on the first frame. This getter puts the
 * old name back on the one map instance; it does nothing where the property still exists
 * (older MapLibre, or a deck.gl that stops reading it).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export function shimTransformForDeck(map: MapLibreMap): void {
  const m = map as unknown as { transform?: unknown; _camera?: { transform?: unknown } };
  if (m.transform !== undefined || !m._camera) return;
  Object.defineProperty(map, 'transform', {
    configurable: true,
    get() {
      return (this as { _camera: { transform: unknown } })._camera.transform;
    }
  });
}
