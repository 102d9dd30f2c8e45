/** Text normalisation shared by the parsers: full-width forms, stray spaces. */

/** Full-width ASCII (！ to ～) to half-width, ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** All whitespace removed (spreadsheets pad names and headers with spaces, NBSP, newlines). */
export function squeeze(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
}

/** Cell text trimmed with inner runs of whitespace reduced to one space. */
export function cleanText(s: string): string {
  return s
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** Key for comparing headers: half-width, no whitespace, brackets unified. */
export function headerKey(s: string): string {
  return squeeze(toHalfWidth(s))
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')');
}

/** Key for matching project names: no whitespace, half-width. */
export function nameKey(s: string): string {
  return squeeze(toHalfWidth(s));
}

const CN_NUMERALS = '零一二三四五六七八九十';
/** 一 … 九十九 to a number (section numbering), or null. */
export function chineseNumeral(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零一二三四五六七八九十]+$/.test(s)) return null;
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? CN_NUMERALS.indexOf(s) : null;
  const tens = i === 0 ? 1 : CN_NUMERALS.indexOf(s[0]);
  const ones = i === s.length - 1 ? 0 : CN_NUMERALS.indexOf(s[s.length - 1]);
  return tens * 10 + ones;
}
