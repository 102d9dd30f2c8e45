/**
 * The shaders of DotLayer: deck.gl's ScatterplotLayer's (v9.4) drawn as one point sprite per dot
 * instead of an instanced quad. Same uniforms (`scatterplot`), same size and stroke rules, same
 * filter and picking hooks; only the geometry differs (gl_PointSize, gl_PointCoord, gl_VertexID).
 */

export const DOT_VS = /* glsl */ `#version 300 es
#define SHADER_NAME dot-layer-vertex-shader
in vec3 instancePositions;
in vec3 instancePositions64Low;
in float instanceRadius;
in float instanceLineWidths;
in vec4 instanceFillColors;
in vec4 instanceLineColors;
#ifdef USE_ROW_INDEXES
in float rowIndexes;
#endif
out vec4 vFillColor;
out vec4 vLineColor;
out float innerUnitRadius;
out float outerRadiusPixels;
out float edgePadding;
void main(void) {
  geometry.worldPosition = instancePositions;
  outerRadiusPixels = clamp(
    project_size_to_pixel(scatterplot.radiusScale * instanceRadius, scatterplot.radiusUnits),
    scatterplot.radiusMinPixels, scatterplot.radiusMaxPixels
  );
  float lineWidthPixels = clamp(
    project_size_to_pixel(scatterplot.lineWidthScale * instanceLineWidths, scatterplot.lineWidthUnits),
    scatterplot.lineWidthMinPixels, scatterplot.lineWidthMaxPixels
  );
  outerRadiusPixels += scatterplot.stroked * lineWidthPixels / 2.0;
  edgePadding = scatterplot.antialiasing ? (outerRadiusPixels + SMOOTH_EDGE_RADIUS) / outerRadiusPixels : 1.0;
#ifdef USE_ROW_INDEXES
  geometry.pickingColor = picking_getPickingColorFromIndex(rowIndexes);
#else
  geometry.pickingColor = picking_getPickingColorFromIndex(float(gl_VertexID));
#endif
  innerUnitRadius = 1.0 - scatterplot.stroked * lineWidthPixels / outerRadiusPixels;
  gl_Position = project_position_to_clipspace(instancePositions, instancePositions64Low, vec3(0.0), geometry.position);
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  vec3 size = vec3(edgePadding * outerRadiusPixels);
  DECKGL_FILTER_SIZE(size, geometry);
  // A sprite's side is in framebuffer pixels: the quad's half-side, doubled, times the pixel ratio.
  gl_PointSize = 2.0 * size.x * project.devicePixelRatio;
  vFillColor = vec4(instanceFillColors.rgb, instanceFillColors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vFillColor, geometry);
  vLineColor = vec4(instanceLineColors.rgb, instanceLineColors.a * layer.opacity);
  DECKGL_FILTER_COLOR(vLineColor, geometry);
}
`;

export const DOT_FS = /* glsl */ `#version 300 es
#define SHADER_NAME dot-layer-fragment-shader
precision highp float;
in vec4 vFillColor;
in vec4 vLineColor;
in float innerUnitRadius;
in float outerRadiusPixels;
in float edgePadding;
out vec4 fragColor;
void main(void) {
  vec2 unitPosition = edgePadding * (gl_PointCoord * 2.0 - 1.0);
  geometry.uv = unitPosition;
  float distToCenter = length(unitPosition) * outerRadiusPixels;
  float inCircle = scatterplot.antialiasing ?
    smoothedge(distToCenter, outerRadiusPixels) :
    step(distToCenter, outerRadiusPixels);
  if (inCircle == 0.0) {
    discard;
  }
  if (scatterplot.stroked > 0.5) {
    float isLine = scatterplot.antialiasing ?
      smoothedge(innerUnitRadius * outerRadiusPixels, distToCenter) :
      step(innerUnitRadius * outerRadiusPixels, distToCenter);
    if (scatterplot.filled > 0.5) {
      fragColor = mix(vFillColor, vLineColor, isLine);
    } else {
      if (isLine == 0.0) {
        discard;
      }
      fragColor = vec4(vLineColor.rgb, vLineColor.a * isLine);
    }
  } else if (scatterplot.filled < 0.5) {
    discard;
  } else {
    fragColor = vFillColor;
  }
  fragColor.a *= inCircle;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;
