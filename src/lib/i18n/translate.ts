import { catalogues, type MessageKey } from './messages.ts';
import type { Locale } from './format.ts';

/** A parameter in both languages (a config validator's words): the message's language picks one. */
export interface LocalText {
  en: string;
  zh: string;
}
export type MessageParams = Record<string, string | number | LocalText>;

const inLocale = (locale: Locale, value: string | number | LocalText): string =>
  typeof value === 'object' ? (locale === 'zh-CN' ? value.zh : value.en) : String(value);

/** A message to show later in whichever language is active (errors, notices). */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

/** Looks a key up and fills `{name}` placeholders; an unknown key shows itself, never blank. */
export function translate(locale: Locale, key: MessageKey | string, params: MessageParams = {}): string {
  const text = (catalogues[locale] as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : inLocale(locale, params[name])));
}

/**
 * A notice in words: its parameter named by its label (url.param.*), e.g. "月份（month）“2031-01”…",
 * and its cause after it.
 */
export function describeNotice(
  locale: Locale,
  notice: { key: string; params: MessageParams; cause?: { key: string; params?: MessageParams } }
): string {
  const param = notice.params.param;
  const named = param === undefined ? notice.params : { ...notice.params, param: translate(locale, `url.param.${param}`) };
  const cause = notice.cause ? translate(locale, notice.cause.key, notice.cause.params) : '';
  return translate(locale, notice.key, { ...named, cause });
}
