/** The map selection in the URL: `box=w,s,e,n` or `lasso=lon,lat,lon,lat,…` (5 decimals, ≈1 m). */
import type { Area, Ring } from '../queries/area.ts';
import { formatNumber, parseNumbers, type UrlNotice } from './url-values.ts';

/** Lassos longer than this are refused: the map view simplifies its polygon before publishing it. */
export const MAX_LASSO_VERTICES = 200;

const inRange = (lon: number, lat: number) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

export function parseArea(params: URLSearchParams, notices: UrlNotice[]): Area | null {
  const box = params.get('box');
  const lasso = params.get('lasso');
  if (box) {
    const n = parseNumbers(box, 'box', notices, 4);
    if (!n) return null;
    const [w, s, e, north] = n;
    if (!inRange(w, s) || !inRange(e, north) || w >= e || s >= north) {
      notices.push({ key: 'url.badNumber', params: { param: 'box', value: box } });
      return null;
    }
    return { type: 'box', bounds: [w, s, e, north] };
  }
  if (lasso) {
    const n = parseNumbers(lasso, 'lasso', notices, 'pairs');
    if (!n) return null;
    const ring: Ring = [];
    for (let i = 0; i < n.length; i += 2) ring.push([n[i], n[i + 1]]);
    const distinct = new Set(ring.map((p) => p.join(','))).size;
    if (ring.length > MAX_LASSO_VERTICES || distinct < 3 || !ring.every(([x, y]) => inRange(x, y))) {
      notices.push({ key: 'url.badLasso', params: { param: 'lasso', vertices: ring.length, max: MAX_LASSO_VERTICES } });
      return null;
    }
    return { type: 'lasso', ring };
  }
  return null;
}

export function serialiseArea(area: Area | null, p: URLSearchParams): void {
  if (!area) return;
  if (area.type === 'box') p.set('box', area.bounds.map((v) => formatNumber(v, 5)).join(','));
  else
    p.set(
      'lasso',
      area.ring
        .flat()
        .map((v) => formatNumber(v, 5))
        .join(',')
    );
}
