import { catalogues, type MessageKey } from './messages.ts';
import type { Locale } from './format.ts';

export type MessageParams = Record<string, string | number>;

/** A message to show later in whichever language is active (errors, notices). */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
}

/** Looks a key up and fills `{name}` placeholders; an unknown key shows itself, never blank. */
export function translate(locale: Locale, key: MessageKey | string, params: MessageParams = {}): string {
  const text = (catalogues[locale] as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name])
  );
}
