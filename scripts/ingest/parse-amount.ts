/**
 * Money cells to exact integer cents of 万元. Spreadsheets give numbers, or text with
 * thousands separators, full-width digits, stray spaces and sometimes an explicit unit
 * (亿元, 万元, 元). No floating-point arithmetic is used on the digits.
 */
import { toHalfWidth } from './text.ts';

export type AmountUnit = '万元' | '亿元' | '元';

export type AmountResult = { ok: true; cents: number | null; rounded?: boolean } | { ok: false; reason: string };

const BLANK = /^(|-|--|—|——|－|\/|无|\\|空)$/;

/** Decimal string of a JS number without exponent (cells hold doubles such as 1407.74). */
export function numberToDecimal(n: number): string {
  let s = String(n);
  if (/e/i.test(s)) s = n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** Multiplies a non-negative decimal string by 10^shift and rounds half up to an integer. */
function scaleDecimal(int: string, frac: string, shift: number): { value: number; rounded: boolean } {
  const point = int.length + shift;
  const all = int + frac;
  const whole = point >= all.length ? all + '0'.repeat(point - all.length) : all.slice(0, point);
  const rest = point >= all.length ? '' : all.slice(point);
  let value = Number(whole || '0');
  const rounded = /[1-9]/.test(rest);
  if (rest && rest[0] >= '5') value += 1;
  return { value, rounded };
}

/**
 * Parses an amount into cents of 万元. `unit` is the unit the sheet or column declares;
 * a unit written in the cell wins. Blank-like cells give `cents: null`.
 */
export function parseAmount(value: unknown, unit: AmountUnit = '万元'): AmountResult {
  if (value === null || value === undefined) return { ok: true, cents: null };
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `not a number: ${value}` };
    text = numberToDecimal(value);
  } else if (typeof value === 'string') {
    text = toHalfWidth(value).replace(/[\s\u00a0\u3000]+/g, '');
  } else {
    return { ok: false, reason: `not an amount: ${String(value)}` };
  }
  if (BLANK.test(text)) return { ok: true, cents: null };
  let cellUnit: AmountUnit = unit;
  const m = /^(.*?)(亿元|亿|万元|万|元)$/.exec(text);
  if (m) {
    text = m[1];
    cellUnit = m[2].startsWith('亿') ? '亿元' : m[2].startsWith('万') ? '万元' : '元';
  }
  let negative = false;
  if (/^[-−]/.test(text)) {
    negative = true;
    text = text.slice(1);
  } else if (/^\((.*)\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  // thousands separators: 1,234,567.89 (also the full-width comma, already half-width here)
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '');
  const d = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!d || (d[1] === '' && !d[2])) return { ok: false, reason: `not an amount: "${String(value)}"` };
  const shift = cellUnit === '亿元' ? 6 : cellUnit === '万元' ? 2 : -2;
  const { value: cents, rounded } =
    shift >= 0 ? scaleDecimal(d[1] || '0', d[2] ?? '', shift) : scaleDecimalDown(d[1] || '0', d[2] ?? '', -shift);
  return { ok: true, cents: negative && cents !== 0 ? -cents : cents, ...(rounded ? { rounded } : {}) };
}

/** 元 to cents of 万元: divide by 100, round half up. */
function scaleDecimalDown(int: string, frac: string, places: number): { value: number; rounded: boolean } {
  const padded = int.padStart(places + 1, '0');
  const whole = padded.slice(0, padded.length - places);
  const rest = padded.slice(padded.length - places) + frac;
  let value = Number(whole);
  if (rest[0] >= '5') value += 1;
  return { value, rounded: /[1-9]/.test(rest) };
}

/** Cents of 万元 to the exact decimal string Parquet DECIMAL(18,2) takes. */
export function centsToMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Decimal string of 万元 (as DuckDB returns DECIMAL) to cents. */
export function moneyToCents(s: string | number): number {
  const r = parseAmount(typeof s === 'number' ? s : String(s));
  if (!r.ok || r.cents === null) throw new Error(`not money: ${s}`);
  return r.cents;
}

/** Cents of 万元 to 亿元 with two decimals (half up), as plans publish. */
export function centsToYi(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const hundredthsYi = Math.floor(abs / 10000) + (abs % 10000 >= 5000 ? 1 : 0);
  return `${sign}${Math.floor(hundredthsYi / 100)}.${String(hundredthsYi % 100).padStart(2, '0')}`;
}
