/**
 * The projects' dots: deck.gl's ScatterplotLayer with its props, attributes, filter extension,
 * picking and highlight, drawn as one point sprite a dot (`point-list`, one vertex each) instead
 * of an instanced four-vertex quad.
 *
 * Why: in software rendering (Mesa llvmpipe, the bench machine's and many an intranet PC's) a
 * frame of a million dots with the map's props cost ~2.4 s of a core as instanced quads and ~1.4 s
 * as point sprites, a picking pass ~1.0 s and ~0.12 s (1,366 × 768, every dot in view; one vertex
 * a dot instead of four; HISTORY change 49). On a GPU both are cheap. The circles, strokes and
 * antialiasing are the ScatterplotLayer's own (dot-layer-shaders.ts); sizes are in screen pixels,
 * as the map never tilts.
 * A sprite's side is capped by the device (ALIASED_POINT_SIZE_RANGE: 255 px in llvmpipe, more on
 * GPUs): the largest dot, 40 px radius, needs 83 px at a pixel ratio of 1 and 249 at 3; on a device
 * with a lower cap the largest dots are drawn smaller, none is dropped.
 *
 * With `keepFrame`, the dots' last frame is kept in a texture and shown again on the map's own
 * frames (frame-cache.ts): the map's loading then no longer draws every dot again.
 */
import type { DefaultProps, PickingInfo, UpdateParameters } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { RenderPass } from '@luma.gl/core';
import { Model } from '@luma.gl/engine';
import { DOT_FS, DOT_VS } from './dot-layer-shaders.ts';
import { FrameCache } from './frame-cache.ts';

interface StepModeSettings {
  settings: { stepMode?: string };
}

type DrawOptions = Parameters<ScatterplotLayer['draw']>[0] & { shaderModuleProps?: { picking?: { isActive?: unknown } } };

export type DotLayerProps = { keepFrame?: boolean };

export class DotLayer<DataT = unknown, ExtraPropsT extends object = object> extends ScatterplotLayer<DataT, ExtraPropsT & DotLayerProps> {
  static layerName = 'DotLayer';
  static defaultProps = { ...ScatterplotLayer.defaultProps, keepFrame: false } as DefaultProps<
    ScatterplotLayerProps<unknown> & DotLayerProps
  >;

  declare state: ScatterplotLayer['state'] & { frames?: FrameCache | null; frameVersion?: number };

  getShaders() {
    return { ...super.getShaders(), vs: DOT_VS, fs: DOT_FS };
  }

  updateState(params: UpdateParameters<this>) {
    super.updateState(params);
    // Mutated, not setState: a state change would ask for another update.
    this.state.frameVersion = (this.state.frameVersion ?? 0) + 1;
    if (!this.props.keepFrame && this.state.frames) {
      this.state.frames.destroy();
      this.state.frames = null;
    }
  }

  protected _updateAutoHighlight(info: PickingInfo) {
    super._updateAutoHighlight(info);
    this.state.frameVersion = (this.state.frameVersion ?? 0) + 1;
  }

  finalizeState(context: Parameters<ScatterplotLayer['finalizeState']>[0]) {
    this.state.frames?.destroy();
    super.finalizeState(context);
  }

  draw(options: DrawOptions) {
    (this.state.model as Model).setVertexCount(this.getNumInstances());
    const picking = !!options.shaderModuleProps?.picking?.isActive;
    const pass = this.context.renderPass as RenderPass | undefined;
    if (!this.props.keepFrame || picking || !pass) return super.draw(options);
    const frames = (this.state.frames ??= new FrameCache(this.context.device));
    const stamp = { version: this.state.frameVersion ?? 0, viewport: this.context.viewport };
    frames.draw(pass, stamp, (into) => {
      this.context.renderPass = into;
      try {
        super.draw(options);
      } finally {
        this.context.renderPass = pass;
      }
    });
  }

  protected _getModel(): Model {
    const attributeManager = this.getAttributeManager()!;
    // The scatterplot's attributes are declared per instance; drawn as points they are per vertex.
    // 'dynamic' lets the model say which (deck.gl's Attribute.getBufferLayout).
    for (const attribute of Object.values(attributeManager.getAttributes())) {
      (attribute as unknown as StepModeSettings).settings.stepMode = 'dynamic';
    }
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: attributeManager.getBufferLayouts({ isInstanced: false }),
      topology: 'point-list',
      isInstanced: false,
      vertexCount: this.getNumInstances()
    });
  }
}
