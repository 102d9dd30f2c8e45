/**
 * deck.gl binary attributes that are uploaded to the GPU only when their array changes.
 *
 * deck.gl re-uploads a binary attribute whenever its descriptor (`{ value, size }`) is a new
 * object, and regenerates every other attribute (picking colours) whenever the data object is
 * new. A filter change answered in the page keeps the month's arrays and changes only the
 * selection byte, yet made a new data object: at 1M projects every change re-sent ~17 MB of
 * positions, colours and radii and rebuilt 3 MB of picking colours (npm run bench, CPU profile:
 * ~1.7 s of bufferSubData per change on llvmpipe). With one descriptor per array and
 * `sameRows` as the layer's `dataComparator`, only what changed goes to the GPU.
 */

export interface BinaryAttribute {
  value: Float32Array | Uint8Array;
  size: number;
  normalized?: boolean;
}

export interface BinaryData {
  length: number;
  attributes: Record<string, BinaryAttribute>;
}

const made = new WeakMap<ArrayBufferView, Map<string, BinaryAttribute>>();

/** The descriptor of an array: the same object for the same array, size and normalisation. */
export function binaryAttribute(value: Float32Array | Uint8Array, size: number, normalized = false): BinaryAttribute {
  let byArray = made.get(value);
  if (!byArray) made.set(value, (byArray = new Map()));
  const key = `${size}:${normalized}`;
  let attribute = byArray.get(key);
  if (!attribute) byArray.set(key, (attribute = normalized ? { value, size, normalized } : { value, size }));
  return attribute;
}

/**
 * deck.gl's `dataComparator`: the same rows when the count and the positions are the same.
 * The other attributes may still differ; the layer's `updateTriggers` (`attributeTriggers`)
 * make deck.gl look at them again.
 */
export function sameRows<T>(next: T, previous?: T): boolean {
  if (next === previous) return true;
  const [a, b] = [next as BinaryData | null | undefined, previous as BinaryData | null | undefined];
  if (!a?.attributes || !b?.attributes) return false;
  return a.length === b.length && a.attributes.getPosition === b.attributes.getPosition;
}

/**
 * One update trigger per binary attribute: deck.gl compares a trigger's keys by identity, so a
 * wrapper around the descriptor changes exactly when the descriptor does (a typed array itself
 * would be compared element by element).
 */
export function attributeTriggers(data: BinaryData | null): Record<string, { attribute: BinaryAttribute }> {
  const triggers: Record<string, { attribute: BinaryAttribute }> = {};
  for (const [name, attribute] of Object.entries(data?.attributes ?? {})) triggers[name] = { attribute };
  return triggers;
}

/**
 * The dots' attributes, one descriptor per array: positions (interleaved lon, lat), RGBA fills,
 * radii and the playback's outlines when given, and the selection byte when the points have one.
 */
export function pointAttributes(
  points: { length: number; selected: Uint8Array | null },
  positions: Float32Array,
  fill: Uint8Array,
  radius: Float32Array | null,
  line: Uint8Array | null
): BinaryData | null {
  if (points.length === 0) return null;
  return {
    length: points.length,
    attributes: {
      getPosition: binaryAttribute(positions, 2),
      getFillColor: binaryAttribute(fill, 4, true),
      ...(radius ? { getRadius: binaryAttribute(radius, 1) } : {}),
      ...(line ? { getLineColor: binaryAttribute(line, 4, true) } : {}),
      ...(points.selected ? { getFilterValue: binaryAttribute(points.selected, 1) } : {})
    }
  };
}
