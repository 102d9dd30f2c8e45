/**
 * When the map's dots keep their last frame (dot-layer.ts `keepFrame`, frame-cache.ts): from
 * KEEP_FRAME_FROM dots, where drawing them all again on each of the map's own frames costs tenths
 * of a second in software rendering; `?keepframe=always` or `never` in the page's address decides
 * instead (the tests draw the demo's few hundred dots both ways and compare).
 */
export const KEEP_FRAME_FROM = 200_000;

export type KeepFramePolicy = 'always' | 'never' | 'by-size';

export function keepFramePolicy(search: string): KeepFramePolicy {
  const asked = new URLSearchParams(search).get('keepframe');
  return asked === 'always' || asked === 'never' ? asked : 'by-size';
}

export function keepsFrame(dots: number, policy: KeepFramePolicy): boolean {
  return policy === 'by-size' ? dots >= KEEP_FRAME_FROM : policy === 'always';
}
