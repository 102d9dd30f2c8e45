/**
 * A layer's last frame kept in a texture and drawn again when nothing it depends on has changed.
 *
 * Why: drawn interleaved with MapLibre (labels above the dots), deck.gl draws every dot again on
 * each of the map's own frames: its sources, tiles, glyphs and label placement arriving. In
 * software rendering (Mesa llvmpipe: the bench machine, many an intranet PC) a frame of a million
 * dots holds a core for ~0.5 s, and a 1M load had five such frames before it was interactive,
 * taking the cores from the decoding worker (HISTORY.md, change 53). Copying the kept frame is one
 * texel a pixel.
 *
 * The frame is drawn into a texture of the drawing buffer's size, cleared to transparent, with the
 * layer's own blending (source alpha over), which leaves its colours premultiplied; it is then
 * drawn over the map with premultiplied blending (one, one minus source alpha): the same result as
 * drawing the dots over the map directly, to the rounding of 8-bit colour. The dots are flat at one
 * depth, so the map's depth buffer, which the texture has not, changes nothing.
 */
import type { Device, Framebuffer, RenderPass, RenderPassProps, Texture } from '@luma.gl/core';
import { ClipSpace } from '@luma.gl/engine';

/** What a kept frame was drawn for: it is drawn again only for the same. */
export interface FrameStamp {
  /** The layer's props, data and highlight: a count that goes up with each change. */
  version: number;
  /** The map's view (deck.gl's Viewport.equals). */
  viewport: { equals(other: unknown): boolean };
}

const COPY_FS = /* glsl */ `#version 300 es
precision highp float;
uniform sampler2D frameTexture;
out vec4 fragColor;
void main(void) {
  fragColor = texelFetch(frameTexture, ivec2(gl_FragCoord.xy), 0);
}
`;

/** Premultiplied colour over what is drawn: the kept frame's colours are premultiplied already. */
const COPY_PARAMETERS = {
  depthWriteEnabled: false,
  depthCompare: 'always',
  blend: true,
  blendColorOperation: 'add',
  blendAlphaOperation: 'add',
  blendColorSrcFactor: 'one',
  blendColorDstFactor: 'one-minus-src-alpha',
  blendAlphaSrcFactor: 'one',
  blendAlphaDstFactor: 'one-minus-src-alpha'
} as const;

/** Whether a frame drawn for `kept` may be shown for `now` (the same props, view and drawing buffer). */
export function sameFrame(
  kept: { stamp: FrameStamp; size: readonly number[]; viewport: string } | null,
  now: { stamp: FrameStamp; size: readonly number[]; viewport: string }
): boolean {
  if (!kept) return false;
  return (
    kept.stamp.version === now.stamp.version &&
    kept.size[0] === now.size[0] &&
    kept.size[1] === now.size[1] &&
    kept.viewport === now.viewport &&
    now.stamp.viewport.equals(kept.stamp.viewport)
  );
}

export class FrameCache {
  readonly #device: Device;
  #texture: Texture | null = null;
  #framebuffer: Framebuffer | null = null;
  #copy: ClipSpace | null = null;
  #kept: { stamp: FrameStamp; size: readonly number[]; viewport: string } | null = null;
  /** Frames drawn into the texture so far (the tests read it). */
  renders = 0;

  constructor(device: Device) {
    this.#device = device;
  }

  /**
   * Draws the layer into `pass`: its kept frame when `stamp` is the one it was drawn for, else
   * `render` into the texture first (a pass of the texture's, with `pass`'s viewport and scissor).
   */
  draw(pass: RenderPass, stamp: FrameStamp, render: (into: RenderPass) => void): void {
    const size = this.#device.getDefaultCanvasContext().getDrawingBufferSize();
    const parameters = (pass.props as RenderPassProps).parameters ?? {};
    const now = { stamp, size, viewport: JSON.stringify(parameters.viewport ?? null) + JSON.stringify(parameters.scissorRect ?? null) };
    const copy = this.#copyModel();
    if (!sameFrame(this.#kept, now)) {
      const framebuffer = this.#framebufferOf(size[0], size[1]);
      // Not kept until drawn whole: a draw that throws leaves the next frame to draw again.
      this.#kept = null;
      const into = this.#device.beginRenderPass({
        framebuffer,
        parameters,
        clearColor: [0, 0, 0, 0],
        clearDepth: false,
        clearStencil: false
      });
      try {
        render(into);
      } finally {
        into.end();
      }
      this.renders++;
      this.#kept = now;
    }
    copy.setBindings({ frameTexture: this.#texture! });
    copy.draw(pass);
  }

  /**
   * The model that draws the kept frame, its shaders linked before the dots are drawn: linked
   * after, the link waited for the GPU to finish the dots (a million of them in software: the
   * first frame on screen 0.9 s later, scripts/bench/profile-load.ts at 1M).
   */
  #copyModel(): ClipSpace {
    if (this.#copy) return this.#copy;
    const copy = new ClipSpace(this.#device, { id: 'frame-cache-copy', fs: COPY_FS, parameters: COPY_PARAMETERS });
    copy.predraw(this.#device.commandEncoder);
    return (this.#copy = copy);
  }

  #framebufferOf(width: number, height: number): Framebuffer {
    if (this.#framebuffer && this.#framebuffer.width === width && this.#framebuffer.height === height) return this.#framebuffer;
    this.#framebuffer?.destroy();
    this.#texture?.destroy();
    this.#texture = this.#device.createTexture({
      id: 'frame-cache',
      format: 'rgba8unorm',
      width,
      height,
      sampler: { minFilter: 'nearest', magFilter: 'nearest', addressModeU: 'clamp-to-edge', addressModeV: 'clamp-to-edge' }
    });
    this.#framebuffer = this.#device.createFramebuffer({ id: 'frame-cache', width, height, colorAttachments: [this.#texture] });
    return this.#framebuffer;
  }

  destroy(): void {
    this.#copy?.destroy();
    this.#framebuffer?.destroy();
    this.#texture?.destroy();
    this.#copy = this.#framebuffer = this.#texture = this.#kept = null;
  }
}
