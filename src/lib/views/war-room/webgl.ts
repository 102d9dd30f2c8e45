/** Whether this browser can draw the map at all (deck.gl and MapLibre need WebGL2). */
export function hasWebGL2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    // Give the test context back at once: browsers keep only a few alive.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return !!gl;
  } catch {
    return false;
  }
}
