/**
 * Framing the map on a box (west, south, east, north): once, animated (a district, a selection),
 * or kept while the map is untouched.
 *
 * A map opened on its bounds stays framed on them when its container changes size (a toolbar
 * wrapping to a second row while the page loads, a wall's browser going full screen, a phone
 * turned), until someone moves it. MapLibre's own resize keeps the centre and zoom, which crops
 * the city or leaves a margin.
 */

import type { Map as MapLibreMap } from 'maplibre-gl';

export type Box = [number, number, number, number];
/** Pixels kept clear around the bounds a map opens on (and is kept fitted on). */
export const FIT_PADDING = 24;
/** Pixels kept clear at the map's edges when it frames a box: the same on every side, or each side's. */
export type Padding = number | { top: number; right: number; bottom: number; left: number };

/**
 * Frames a box, keeping `padding` px clear at the map's edges (a card over the map asks for more
 * on its side); resolves once the move ends with the box's screen rectangle in the map's pixels
 * (left, top, right, bottom). Given several paddings, the one that frames the box largest.
 */
export function fitBox(m: MapLibreMap, b: Box, padding: Padding | Padding[]): Promise<Box> {
  if (Array.isArray(padding)) {
    const zoomWith = (p: Padding) => m.cameraForBounds([b[0], b[1], b[2], b[3]], { padding: p, maxZoom: 15 })?.zoom ?? -Infinity;
    padding = padding.reduce((best, p) => (zoomWith(p) > zoomWith(best) ? p : best));
  }
  const done = new Promise<Box>((resolve) =>
    m.once('moveend', () => {
      const sw = m.project([b[0], b[1]]);
      const ne = m.project([b[2], b[3]]);
      resolve([sw.x, ne.y, ne.x, sw.y]);
    })
  );
  m.fitBounds(
    [
      [b[0], b[1]],
      [b[2], b[3]]
    ],
    { padding, maxZoom: 15, duration: 600 }
  );
  return done;
}

/** The few members of MapLibre's Map this needs (a stand-in in the unit tests). */
export interface FittableMap {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getContainer(): { clientWidth: number; clientHeight: number };
  fitBounds(bounds: [[number, number], [number, number]], options: { padding: number; duration: number }): unknown;
  on(type: 'resize', listener: () => void): unknown;
  off(type: 'resize', listener: () => void): unknown;
}

export interface KeptFit {
  /** The map still shows the camera of its last fit: nobody has moved it since. */
  holds(): boolean;
  stop(): void;
}

/** Camera differences below these are the arithmetic of one camera, not a move. */
const SAME_ZOOM = 1e-9;
const SAME_DEGREES = 1e-9;

/**
 * Keeps `map`, just fitted on `bounds()` with `padding` px, fitted on them after every resize
 * while its camera is still that of the last fit; `onrefit` is told the new zoom.
 */
export function keepFitted(map: FittableMap, bounds: () => Box, padding: number, onrefit: (zoom: number) => void): KeptFit {
  let fitted: { lng: number; lat: number; zoom: number } | null = camera(map);
  /** Inside the refit, whose own move events come before its camera is recorded. */
  let refitting = false;
  const holds = () => {
    if (refitting) return true;
    if (!fitted) return false;
    const now = camera(map);
    const same =
      Math.abs(now.zoom - fitted.zoom) < SAME_ZOOM &&
      Math.abs(now.lng - fitted.lng) < SAME_DEGREES &&
      Math.abs(now.lat - fitted.lat) < SAME_DEGREES;
    // Once moved, a later return to the same camera by chance does not make the fit hold again.
    if (!same) fitted = null;
    return same;
  };
  const onResize = () => {
    const { clientWidth, clientHeight } = map.getContainer();
    // A hidden or tiny container has no room for the padding (MapLibre would warn and not move): the next resize fits.
    if (!holds() || Math.min(clientWidth, clientHeight) <= 2 * padding) return;
    const [w, s, e, n] = bounds();
    refitting = true;
    try {
      map.fitBounds(
        [
          [w, s],
          [e, n]
        ],
        { padding, duration: 0 }
      );
    } finally {
      refitting = false;
    }
    fitted = camera(map);
    onrefit(fitted.zoom);
  };
  map.on('resize', onResize);
  return { holds, stop: () => map.off('resize', onResize) };
}

function camera(map: FittableMap): { lng: number; lat: number; zoom: number } {
  const { lng, lat } = map.getCenter();
  return { lng, lat, zoom: map.getZoom() };
}
