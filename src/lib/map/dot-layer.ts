/**
 * The projects' dots: deck.gl's ScatterplotLayer with its props, attributes, filter extension,
 * picking and highlight, drawn as one point sprite a dot (`point-list`, one vertex each) instead
 * of an instanced four-vertex quad.
 *
 * Why: in software rendering (Mesa llvmpipe, the bench machine's and many an intranet PC's) an
 * instanced draw is walked instance by instance; a frame of a million quads cost ~3.6 s of a core
 * and a picking pass ~1.3 s, a million point sprites of the same size ~1.2 s and ~0.1 s
 * (HISTORY change 49). On a GPU both are cheap. The circles, strokes and antialiasing are the
 * ScatterplotLayer's own (dot-layer-shaders.ts); sizes are in screen pixels, as the map never tilts.
 * The sprite's side is limited by the device (ALIASED_POINT_SIZE_RANGE, ≥ 255 px on the GPUs and
 * software renderers tried): the dots' largest, 40 px radius at a pixel ratio of 3, stays under it.
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
