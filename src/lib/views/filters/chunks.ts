/** A long list's values in runs of `size`, in their order (the last run the rest). */
export function inChunks<T>(values: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new Error(`inChunks: size ${size} is not a whole number of values`);
  const out: T[][] = [];
  for (let at = 0; at < values.length; at += size) out.push(values.slice(at, at + size));
  return out;
}
