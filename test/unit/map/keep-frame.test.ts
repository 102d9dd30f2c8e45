import { describe, expect, it } from 'vitest';
import { KEEP_FRAME_FROM, keepFramePolicy, keepsFrame } from '../../../src/lib/map/keep-frame.ts';
import { sameFrame, type FrameStamp } from '../../../src/lib/map/frame-cache.ts';

describe('when the dots keep their frame', () => {
  it('keeps it from KEEP_FRAME_FROM dots, unless the address says always or never', () => {
    expect(keepsFrame(KEEP_FRAME_FROM - 1, 'by-size')).toBe(false);
    expect(keepsFrame(KEEP_FRAME_FROM, 'by-size')).toBe(true);
    expect(keepsFrame(10, 'always')).toBe(true);
    expect(keepsFrame(5_000_000, 'never')).toBe(false);
    expect(keepFramePolicy('?keepframe=always&test')).toBe('always');
    expect(keepFramePolicy('?keepframe=never')).toBe('never');
    expect(keepFramePolicy('?keepframe=yes')).toBe('by-size');
    expect(keepFramePolicy('')).toBe('by-size');
  });
});

describe('a kept frame is shown again', () => {
  const view = (id: number) => ({ id, equals: (other: unknown) => (other as { id: number }).id === id });
  const frame = (stamp: FrameStamp, size = [800, 600], viewport = '[0,0,800,600]') => ({ stamp, size, viewport });

  it('only for the same props, view, drawing buffer and pass viewport', () => {
    const kept = frame({ version: 3, viewport: view(1) });
    expect(sameFrame(kept, frame({ version: 3, viewport: view(1) }))).toBe(true);
    expect(sameFrame(null, frame({ version: 3, viewport: view(1) }))).toBe(false);
    expect(sameFrame(kept, frame({ version: 4, viewport: view(1) }))).toBe(false);
    expect(sameFrame(kept, frame({ version: 3, viewport: view(2) }))).toBe(false);
    expect(sameFrame(kept, frame({ version: 3, viewport: view(1) }, [801, 600]))).toBe(false);
    expect(sameFrame(kept, frame({ version: 3, viewport: view(1) }, [800, 601]))).toBe(false);
    expect(sameFrame(kept, frame({ version: 3, viewport: view(1) }, [800, 600], '[0,0,400,600]'))).toBe(false);
  });
});
