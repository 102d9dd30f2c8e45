/** Number lists in URL parameters, and the notices bad ones produce. */
import type { MessageParams } from '../i18n/translate.ts';

/** An i18n message key with params, e.g. { key: 'url.unknownDistrict', params: { value: '450299' } }. */
export interface UrlNotice {
  key: string;
  params: Record<string, string | number>;
  /** Why, as its own message (a file that could not be read), said after the notice. */
  cause?: { key: string; params?: MessageParams };
}

const NUMBER_RE = /^-?\d+(\.\d+)?$/;

/**
 * Parses comma-separated decimal numbers. `count` is the exact count wanted, or 'pairs' for
 * an even count. Returns null (with a notice) on anything malformed: no exponents, NaN or blanks.
 */
export function parseNumbers(value: string, param: string, notices: UrlNotice[], count: number | 'pairs'): number[] | null {
  const parts = value.split(',').map((s) => s.trim());
  const ok = parts.every((s) => NUMBER_RE.test(s)) && (count === 'pairs' ? parts.length % 2 === 0 : parts.length === count);
  if (!ok) {
    notices.push({ key: 'url.badNumber', params: { param, value } });
    return null;
  }
  return parts.map(Number);
}

/** A number with at most `digits` decimals and no trailing zeros. */
export function formatNumber(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}
