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
 */
import type { DefaultProps } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import { Model } from '@luma.gl/engine';
import { DOT_FS, DOT_VS } from './dot-layer-shaders.ts';

interface StepModeSettings {
  settings: { stepMode?: string };
}

export class DotLayer<DataT = unknown, ExtraPropsT extends object = object> extends ScatterplotLayer<DataT, ExtraPropsT> {
  static layerName = 'DotLayer';
  static defaultProps = ScatterplotLayer.defaultProps as DefaultProps<ScatterplotLayerProps<unknown>>;

  getShaders() {
    return { ...super.getShaders(), vs: DOT_VS, fs: DOT_FS };
  }

  draw(options: { uniforms: unknown }) {
    (this.state.model as Model).setVertexCount(this.getNumInstances());
    super.draw(options as Parameters<ScatterplotLayer<DataT>['draw']>[0]);
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
