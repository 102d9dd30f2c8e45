import type { Locale } from './format.ts';
import { translate, type Message, type MessageParams } from './translate.ts';
import type { MessageKey } from './messages.ts';

const STORAGE_KEY = 'command-map.locale';

function initialLocale(): Locale {
  if (typeof localStorage === 'undefined') return 'zh-CN';
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** The active interface language; zh-CN unless the user chose English. */
export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Translates in the active language; reactive wherever it is read in a template. */
export function t(key: MessageKey | string, params?: MessageParams): string {
  return translate(i18n.locale, key, params);
}

export function tm(message: Message): string {
  return translate(i18n.locale, message.key, message.params);
}

export type { MessageKey };
