/**
 * The playback's time axis: every month of the programme's years (Jiujiang 2021–2023: 36), of
 * which the months with data (meta.json `facts_months`, up to the as-of month) can be played.
 */
export interface PlaybackAxis {
  /** 'YYYY-MM', every month of the programme. */
  months: string[];
  /** For each axis month, its index in the data months, or -1 (after the as-of month). */
  data: Int16Array;
  /** The last axis month with data. */
  last: number;
}

export function playbackAxis(years: readonly number[], dataMonths: readonly string[]): PlaybackAxis {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const months = sorted.flatMap((y) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`));
  const data = Int16Array.from(months, (m) => dataMonths.indexOf(m));
  const missing = dataMonths.filter((m) => !months.includes(m));
  if (missing.length) throw new RangeError(`data months outside the programme's years: ${missing.join(', ')}`);
  let last = -1;
  data.forEach((d, i) => d >= 0 && (last = i));
  return { months, data, last };
}
