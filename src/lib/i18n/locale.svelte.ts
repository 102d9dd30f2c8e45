import type { Locale } from './format.ts';
import { translate, type Message, type MessageParams } from './translate.ts';
import type { MessageKey } from './messages.ts';

const STORAGE_KEY = 'command-map.locale';

/** The stored choice; none where storage is refused (a third-party iframe, e.g. the embed on another site). */
function storedLocale(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function initialLocale(): Locale {
  return storedLocale() === 'en' ? 'en' : 'zh-CN';
}

/** The active interface language; zh-CN unless the user chose English. */
export const i18n = $state<{ locale: Locale }>({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage refused: the choice lasts for this page only
  }
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
