/** What a bulletin says until the user writes their own: its document number (文号) and date. */
import type { Locale } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import { toMonth } from '../metrics/month.ts';

/**
 * The month's number in the office's series, after the jurisdiction's one-character short name as
 * 文号 use it (柳州市 → 柳): "柳重大办通〔2022〕9号".
 */
export function defaultDocNumber(month: string, jurisdiction: { zh: string; en: string }, locale: Locale): string {
  const m = toMonth(month);
  const short = locale === 'zh-CN' ? jurisdiction.zh.slice(0, 1) : jurisdiction.en;
  return translate(locale, 'bulletin.defaultNumber', { short, year: m.year, n: m.index });
}

/** The date a bulletin is dated by default: the 10th of the month after (reports are in by then). */
export function defaultIssued(month: string): string {
  const m = toMonth(month);
  const next = m.index === 12 ? `${m.year + 1}-01` : `${m.year}-${String(m.index + 1).padStart(2, '0')}`;
  return `${next}-10`;
}
