/**
 * Money cells to exact integer cents of 万元, as BigInt. Spreadsheets give numbers, or text with
 * thousands separators, full-width digits, stray spaces and sometimes an explicit unit
 * (亿元, 万元, 元). Text never passes through a JS number (above 2^53 cents one would drop a
 * cent); a number cell is read from its shortest decimal form, the digits the file holds.
 */
import { toHalfWidth } from './text.ts';

export type AmountUnit = '万元' | '亿元' | '元';

export type AmountResult =
  | {
      ok: true;
      cents: bigint | null;
      rounded?: boolean;
      /** A number cell of 16 or more significant digits of cents: more than a spreadsheet number keeps. */
      imprecise?: boolean;
    }
  | { ok: false; reason: string };

/** The largest amount DECIMAL(18,2) holds, in cents: 9,999,999,999,999,999.99 万元. */
export const MAX_CENTS = 10n ** 18n - 1n;

/**
 * The largest annual plan or completed amount the progress metrics compute exactly, in cents
 * (10,000,000,000,000 万元): they take 100 × 12 × cents in 64-bit integers (src/lib/metrics/investment.ts).
 */
export const MAX_METRIC_CENTS = 10n ** 15n;

/** Whether cents of 万元 fit the dataset's DECIMAL(18,2) columns, or the metrics' range. */
export const fitsRange = (cents: bigint, max: bigint = MAX_CENTS) => cents <= max && cents >= -max;

/** Why an amount out of range cannot be imported, and what to check. */
export function outOfRangeMessage(header: string | null | undefined, cents: bigint, max: bigint = MAX_CENTS): string {
  const limit =
    max === MAX_CENTS
      ? 'the 9999999999999999.99 万元 the dataset holds (DECIMAL(18,2))'
      : `the ${centsToMoney(max)} 万元 the progress metrics compute exactly`;
  return `${header ?? 'the amount'} is ${centsToMoney(cents)} 万元, beyond ${limit}: check the digits and the unit (万元 / 亿元)`;
}

/** Spreadsheets keep 15 significant digits of a number: from 10^15 cents on, the cents are not the ones typed. */
const MIN_IMPRECISE_CENTS = 10n ** 15n;

export function impreciseMessage(value: unknown): string {
  return `number cell ${String(value)} is too large for a spreadsheet number to hold every cent (it keeps 15 significant digits): type the amount as text to keep it exact`;
}

const BLANK = /^(|-|--|—|——|－|\/|无|\\|空)$/;

/** Shortest decimal string of a JS number, without exponent (1e+21 → "1000000000000000000000"). */
export function numberToDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', exp] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Multiplies a non-negative decimal string by 10^shift and rounds half up to an integer. */
function scaleDecimal(int: string, frac: string, shift: number): { value: bigint; rounded: boolean } {
  const point = int.length + shift;
  const all = int + frac;
  const whole = point >= all.length ? all + '0'.repeat(point - all.length) : all.slice(0, point);
  const rest = point >= all.length ? '' : all.slice(point);
  let value = BigInt(whole || '0');
  const rounded = /[1-9]/.test(rest);
  if (rest && rest[0] >= '5') value += 1n;
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
  const imprecise = typeof value === 'number' && cents >= MIN_IMPRECISE_CENTS;
  return { ok: true, cents: negative ? -cents : cents, ...(rounded ? { rounded } : {}), ...(imprecise ? { imprecise } : {}) };
}

/** 元 to cents of 万元: divide by 100, round half up. */
function scaleDecimalDown(int: string, frac: string, places: number): { value: bigint; rounded: boolean } {
  const padded = int.padStart(places + 1, '0');
  const whole = padded.slice(0, padded.length - places);
  const rest = padded.slice(padded.length - places) + frac;
  let value = BigInt(whole);
  if (rest[0] >= '5') value += 1n;
  return { value, rounded: /[1-9]/.test(rest) };
}

/** Cents of 万元 to the exact decimal string Parquet DECIMAL(18,2) takes. */
export function centsToMoney(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Decimal string of 万元 (as DuckDB returns DECIMAL) to cents. */
export function moneyToCents(s: string | number): bigint {
  const r = parseAmount(typeof s === 'number' ? s : String(s));
  if (!r.ok || r.cents === null) throw new Error(`not money: ${s}`);
  return r.cents;
}

/** Cents of 万元 to 亿元 with two decimals (half up), as plans publish. */
export function centsToYi(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  const hundredthsYi = abs / 10000n + (abs % 10000n >= 5000n ? 1n : 0n);
  return `${sign}${hundredthsYi / 100n}.${String(hundredthsYi % 100n).padStart(2, '0')}`;
}
