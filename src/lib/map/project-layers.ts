/**
 * The deck.gl layers of the project map, made afresh for each change (deck.gl diffs them by id and
 * uploads only the attributes whose arrays changed, binary-attributes.ts): the linear projects'
 * paths, the projects' dots (dot-layer.ts), the problem rings, the open project's ring and the map
 * selection's outline.
 */
import type { Layer } from '@deck.gl/core';
import type { DataFilterExtension } from '@deck.gl/extensions';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { HIGHLIGHT_COLOR } from '../charts/colors.ts';
import { LABEL_LAYER_ID } from './basemap-style.ts';
import { DotLayer } from './dot-layer.ts';
import { attributeTriggers, sameRows, type BinaryData } from './binary-attributes.ts';
import type { ProblemRings } from './problem-rings.ts';
import type { ProjectLines } from './project-lines.ts';
import type { ColorMode, ProjectPoints } from './project-points.ts';

export interface ProjectLayersInput {
  points: ProjectPoints | null;
  /** The dots' binary attributes (null: no dots). */
  data: BinaryData | null;
  colorMode: ColorMode;
  radius: { values: Float32Array; factor: number } | null;
  highlight: { position: [number, number]; radius: number } | null;
  lines: ProjectLines | null;
  lineMask: Uint8Array | null;
  areaRing: [number, number][] | null;
  rings: ProblemRings | null;
  pointStyle: { fill: Uint8Array; line: Uint8Array } | null;
  /** The dots' size for the map's density and zoom (charts/scales.ts densityScale). */
  scale: number;
  /** One extension instance for every layer made: a new one each time would rebuild the shaders. */
  selectionFilter: DataFilterExtension[];
  /** The dots keep their last frame for the map's own frames (keep-frame.ts). */
  keepFrame: boolean;
}

export function projectLayers(input: ProjectLayersInput): Layer[] {
  const {
    points: p,
    data,
    colorMode,
    radius: r,
    highlight: hi,
    lines: ln,
    lineMask: lmask,
    areaRing: ring,
    rings: problemRings,
    pointStyle,
    scale
  } = input;
  const layers: Layer[] = [];
  if (ln && ln.length > 0) {
    layers.push(
      new PathLayer({
        id: 'project-lines',
        data: ln.paths,
        getPath: (d) => d.path,
        getColor: (d, { index }) =>
          [...(colorMode === 'phase' ? d.phaseColor : d.ragColor), lmask && !lmask[index] ? 40 : 230] as [number, number, number, number],
        getWidth: 3,
        widthUnits: 'pixels',
        widthMinPixels: 2,
        pickable: true,
        beforeId: LABEL_LAYER_ID,
        updateTriggers: { getColor: [colorMode, lmask] }
      })
    );
  }
  if (data) {
    layers.push(
      new DotLayer({
        id: 'projects',
        data,
        dataComparator: sameRows,
        updateTriggers: attributeTriggers(data),
        getRadius: r ? undefined : 4,
        radiusUnits: 'pixels',
        radiusScale: (r ? r.factor : 1) * scale,
        radiusMinPixels: scale < 1 ? 1 : 2.5,
        radiusMaxPixels: 40,
        // Outlines separate dots of a city map; on a dense national map they would be all one sees.
        stroked: scale >= 0.6 || !!pointStyle,
        getLineColor: pointStyle ? undefined : [40, 40, 40, 200],
        lineWidthUnits: 'pixels',
        getLineWidth: pointStyle ? 1.25 : 0.75,
        pickable: true,
        autoHighlight: true,
        highlightColor: [0, 0, 0, 90],
        // The filters' selection as one byte a point (the page's answers, ProjectPoints.selected):
        // the points stay on the GPU, the unselected ones are dropped in the vertex shader.
        extensions: input.selectionFilter,
        filterEnabled: !!p?.selected,
        filterRange: [0.5, 1],
        getFilterValue: 1,
        keepFrame: input.keepFrame,
        beforeId: LABEL_LAYER_ID
      })
    );
  }
  if (problemRings && problemRings.length > 0) {
    layers.push(
      new ScatterplotLayer({
        id: 'problem-rings',
        data: problemRings,
        updateTriggers: attributeTriggers(problemRings),
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
        beforeId: LABEL_LAYER_ID
      })
    );
  }
  if (hi) {
    layers.push(
      new ScatterplotLayer({
        id: 'project-selected',
        data: [hi],
        getPosition: (d: { position: [number, number] }) => d.position,
        getRadius: (d: { radius: number }) => d.radius + 4,
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        getLineColor: [...HIGHLIGHT_COLOR, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        beforeId: LABEL_LAYER_ID
      })
    );
  }
  if (ring && ring.length > 2) {
    layers.push(
      new PathLayer({
        id: 'map-selection',
        data: [[...ring, ring[0]]],
        getPath: (d: [number, number][]) => d,
        getColor: [0, 114, 178, 255],
        getWidth: 2,
        widthUnits: 'pixels',
        beforeId: LABEL_LAYER_ID
      })
    );
  }
  return layers;
}
