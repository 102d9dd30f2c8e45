/** The Gantt chart's time axis: epoch days (as the queries give them) onto pixels, and its ticks. */
import { scaleUtc, utcMonth, utcYear, type ScaleTime } from 'd3';

export const DAY_MS = 86_400_000;

export type DayScale = ScaleTime<number, number>;

/** A UTC time scale from the first to the last epoch day onto x0…x1 (a span of at least a month). */
export function dayScale(firstDay: number, lastDay: number, x0: number, x1: number): DayScale {
  const last = Math.max(lastDay, firstDay + 30);
  return scaleUtc()
    .domain([new Date(firstDay * DAY_MS), new Date(last * DAY_MS)])
    .range([x0, x1]);
}

/** x of an epoch day. */
export const dayX = (scale: DayScale, day: number): number => scale(new Date(day * DAY_MS));

/** Epoch day of a 'YYYY-MM-DD' date. */
export const epochDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

export interface Tick {
  x: number;
  label: string;
}

/** Ticks at least ~70 px apart: on years ('YYYY') when a year is at most that wide, else on months ('YYYY-MM'). */
export function timeTicks(scale: DayScale, width: number): Tick[] {
  const [a, b] = scale.domain();
  const months = Math.max(1, (b.getTime() - a.getTime()) / (30.44 * DAY_MS));
  const room = Math.max(2, Math.floor(width / 70));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (months / 12 >= 2 || months > room) {
    const step = Math.max(1, Math.ceil(months / 12 / room));
    return scale.ticks(utcYear.every(step)!).map((d) => ({ x: scale(d), label: String(d.getUTCFullYear()) }));
  }
  const step = [1, 2, 3, 6].find((s) => months / s <= room) ?? 6;
  return scale.ticks(utcMonth.every(step)!).map((d) => ({ x: scale(d), label: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` }));
}
