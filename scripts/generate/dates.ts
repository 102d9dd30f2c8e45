/** Calendar helpers on ISO date strings (dates have no time zone; plans run on Asia/Shanghai days). */

export const iso = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function parse(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d) + days * 86400000);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = parse(a);
  const [y2, m2, d2] = parse(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400000);
}

export function monthEnd(y: number, m: number): string {
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

export const monthStart = (y: number, m: number): string => iso(y, m, 1);

/** Absolute month index (year*12 + month-1) for ordering months across years. */
export const monthIndex = (y: number, m: number): number => y * 12 + (m - 1);
export const fromMonthIndex = (i: number): [number, number] => [Math.floor(i / 12), (i % 12) + 1];

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** Random day within [from, to] (inclusive), via an integer draw. */
export function dayBetween(draw: (lo: number, hi: number) => number, from: string, to: string): string {
  const span = daysBetween(from, to);
  return addDays(from, span <= 0 ? 0 : draw(0, span));
}
