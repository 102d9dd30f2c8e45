import type { Message } from '../i18n/translate.ts';

/** What was expected, as one text, or in both languages (a config validator's words). */
export type Expected = string | { en: string; zh: string };

/** A load failure the user must see, translated, naming the file and what was expected. */
export class DataLoadError extends Error {
  constructor(
    readonly userMessage: Message,
    readonly file: string,
    readonly expected?: Expected
  ) {
    super(`${userMessage.key} ${file} ${JSON.stringify(userMessage.params ?? {})}`);
    this.name = 'DataLoadError';
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a user is told of a failure: a load error's own message (it names the file), else the error's text. */
export function userMessage(err: unknown): Message {
  return err instanceof DataLoadError ? err.userMessage : { key: 'error.generic', params: { detail: describeError(err) } };
}
