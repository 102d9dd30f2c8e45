/**
 * Number, money, date and percentage formatting for zh-CN and en.
 * Money arrives as 万元 (exact two-decimal values) and is rounded only here, for display.
 */
export type Locale = 'zh-CN' | 'en';

/** Rounds a two-decimal 万元 amount half away from zero to `digits` decimals without float drift. */
function roundDecimal(value: number, digits: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  // Work on the decimal string so 1.005 rounds as written, not as its binary approximation.
  const [intPart, frac = ''] = abs.toFixed(Math.max(digits + 2, 4)).split('.');
  const keep = (intPart + frac.slice(0, digits)).replace(/^0+(?=\d)/, '');
  const next = Number(frac[digits] ?? '0');
  let digitsStr = next >= 5 ? (BigInt(keep) + 1n).toString() : keep;
  if (digits > 0) {
    digitsStr = digitsStr.padStart(digits + 1, '0');
    return `${sign}${digitsStr.slice(0, -digits)}.${digitsStr.slice(-digits)}`;
  }
  return `${sign}${digitsStr}`;
}

function groupThousands(numeric: string): string {
  const [i, f] = numeric.replace('-', '').split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${numeric.startsWith('-') ? '-' : ''}${grouped}${f !== undefined ? `.${f}` : ''}`;
}

/** A plain number with thousands separators. */
export function formatNumber(value: number, digits = 0): string {
  return groupThousands(roundDecimal(value, digits));
}

/**
 * 万元 as 万元 in Chinese, "12,345.68万元"; in English as millions of yuan, the unit English
 * readers count in, "CNY 123.46 m" (1万元 = 10,000 yuan). Zero is "0万元" / "CNY 0".
 */
export function formatWan(wan: number, locale: Locale, digits = 2): string {
  if (wan === 0) return locale === 'zh-CN' ? '0万元' : 'CNY 0';
  return locale === 'zh-CN' ? `${formatNumber(wan, digits)}万元` : `CNY ${formatNumber(wan / 100, digits)} m`;
}

/** 万元 as 亿元 with two decimals, the unit plans publish: "707.89亿元" / "CNY 70.79 bn". */
export function formatYi(wan: number, locale: Locale): string {
  const yi = wan / 10000;
  if (locale === 'zh-CN') return `${formatNumber(yi, 2)}亿元`;
  // 1亿 = 100 million; English readers count in billions.
  return `CNY ${formatNumber(yi / 10, 2)} bn`;
}

/** Picks 亿元 from 1亿 up, else 万元: what a reader expects on a card or KPI. */
export function formatMoney(wan: number, locale: Locale): string {
  return Math.abs(wan) >= 10000 ? formatYi(wan, locale) : formatWan(wan, locale);
}

/** A 0–1 share as a percentage: 0.4567 → "45.7%". */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${roundDecimal(share * 100, digits)}%`;
}

/** A gap in percentage points with its sign: -12.34 → "−12.3个百分点" / "−12.3 pp". */
export function formatPoints(points: number, locale: Locale, digits = 1): string {
  const s = roundDecimal(Math.abs(points), digits);
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return locale === 'zh-CN' ? `${sign}${s}个百分点` : `${sign}${s} pp`;
}

function parseIsoDate(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 1)];
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date (no time zone involved): "2022年3月5日" / "5 Mar 2022". */
export function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = parseIsoDate(iso);
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** A month: "2022年3月" / "Mar 2022". */
export function formatMonth(iso: string, locale: Locale): string {
  const [y, m] = parseIsoDate(iso);
  return locale === 'zh-CN' ? `${y}年${m}月` : `${EN_MONTHS[m - 1]} ${y}`;
}

/** A count with its unit: 668 → "668个" / "668". */
export function formatCount(n: number, locale: Locale, unitZh = '个'): string {
  return locale === 'zh-CN' ? `${formatNumber(n)}${unitZh}` : formatNumber(n);
}

/** A note after a label, in brackets of the language: "筛选（2）" / "Filters (2)". */
export function inParens(text: string | number, locale: Locale): string {
  return locale === 'zh-CN' ? `（${text}）` : ` (${text})`;
}

/** The colon after a label in the language: "排序：" / "Sort: ". */
export function colon(locale: Locale): string {
  return locale === 'zh-CN' ? '：' : ': ';
}
