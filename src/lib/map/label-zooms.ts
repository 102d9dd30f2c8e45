/**
 * The zoom from which each district label is drawn, placed once in the page: the largest districts
 * first, each label from the first zoom at which its box clears every label placed before it.
 * MapLibre lays out every label its layer lets through (and draws each new character, Chinese with
 * the page's fonts, on the main thread) before its own collision hides most of them: 2,851
 * districts at the country's zoom asked for 1,190 characters, about a second of the page's main
 * thread while the month was still decoding (npm run bench at 1M). MapLibre's collision still has
 * the last word; this only keeps labels that could never show from being laid out.
 */
import { area } from '@turf/turf';
import type { FeatureCollection } from 'geojson';

/** A label: where it is, its box in ems of its text size, and how much it matters (larger first). */
export interface LabelBox {
  lon: number;
  lat: number;
  widthEm: number;
  heightEm: number;
  priority: number;
}

/** Labels not placed by this zoom are let through from it (MapLibre decides). */
export const LABEL_ZOOM_MAX = 12;
/** MapLibre's world is 512 px wide at zoom 0. */
const WORLD_PX = 512;
/** MapLibre's default `text-padding`, px. */
const PADDING_PX = 2;

/** A full-width character (CJK, kana, hangul, full-width forms) is an em wide; others about 0.6. */
function charEm(code: number): number {
  return code >= 0x2e80 ? 1 : 0.6;
}

/** A label's box in ems: its widest line, and its lines at the layer's line height. */
export function labelTextEm(lines: readonly string[], lineHeight: number): { widthEm: number; heightEm: number } {
  let widthEm = 0;
  for (const line of lines) {
    let w = 0;
    for (const ch of line) w += charEm(ch.codePointAt(0)!);
    widthEm = Math.max(widthEm, w);
  }
  return { widthEm, heightEm: Math.max(1, lines.length) * lineHeight };
}

/** Web Mercator, 0–1 across the world. */
function mercator(lon: number, lat: number): [number, number] {
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return [(lon + 180) / 360, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2];
}

/**
 * Each label's zoom at text size `px`: the lowest whole zoom z (0 … LABEL_ZOOM_MAX) at which its
 * box clears every label placed before it; LABEL_ZOOM_MAX when it clears none before. Placed at one
 * zoom, a label clears the same labels at every higher one (distances double, boxes stay).
 */
export function labelMinZooms(boxes: readonly LabelBox[], px: number): Float32Array {
  const n = boxes.length;
  const zooms = new Float32Array(n).fill(LABEL_ZOOM_MAX);
  const at = boxes.map((b) => mercator(b.lon, b.lat));
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[b].priority - boxes[a].priority || a - b);
  const half = boxes.map((b) => [(b.widthEm * px) / 2 + PADDING_PX, (b.heightEm * px) / 2 + PADDING_PX]);
  // A grid of cells as large as the largest box, so that a box overlaps only its neighbours'.
  const cell = 2 * half.reduce((m, [w, h]) => Math.max(m, w, h), 1);
  const placed: number[] = [];
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let z = 0; z < LABEL_ZOOM_MAX && placed.length < n; z++) {
    const world = WORLD_PX * 2 ** z;
    for (let i = 0; i < n; i++) {
      xs[i] = at[i][0] * world;
      ys[i] = at[i][1] * world;
    }
    const grid = new Map<number, number[]>();
    // Cells are numbered row by row; a row is wider than the world's cells at LABEL_ZOOM_MAX.
    const key = (gx: number, gy: number) => gy * 2 ** 26 + gx;
    const put = (i: number) => {
      const k = key(Math.floor(xs[i] / cell), Math.floor(ys[i] / cell));
      const list = grid.get(k);
      if (list) list.push(i);
      else grid.set(k, [i]);
    };
    const clear = (i: number) => {
      const cx = Math.floor(xs[i] / cell);
      const cy = Math.floor(ys[i] / cell);
      for (let gy = cy - 1; gy <= cy + 1; gy++)
        for (let gx = cx - 1; gx <= cx + 1; gx++) {
          const list = grid.get(key(gx, gy));
          if (!list) continue;
          for (const j of list)
            if (Math.abs(xs[i] - xs[j]) < half[i][0] + half[j][0] && Math.abs(ys[i] - ys[j]) < half[i][1] + half[j][1]) return false;
        }
      return true;
    };
    for (const i of placed) put(i);
    for (const i of order) {
      if (zooms[i] < LABEL_ZOOM_MAX || !clear(i)) continue;
      zooms[i] = z;
      placed.push(i);
      put(i);
    }
  }
  return zooms;
}

/**
 * Each district's label zoom at text size `px` (labelMinZooms), the largest district (by area)
 * first; `lines` gives the label's lines for the district's code and name.
 */
export function districtLabelZooms(
  districts: FeatureCollection,
  lines: (code: string, name: string) => string[],
  px: number,
  lineHeight: number
): Float32Array {
  return labelMinZooms(
    districts.features.map((f) => {
      const p = f.properties as { code: string; name: string; label: [number, number] };
      return { lon: p.label[0], lat: p.label[1], ...labelTextEm(lines(p.code, p.name), lineHeight), priority: area(f) };
    }),
    px
  );
}
