import type { Message } from '../i18n/translate.ts';

/** A load failure the user must see, translated, naming the file and what was expected. */
export class DataLoadError extends Error {
  constructor(
    readonly userMessage: Message,
    readonly file: string,
    readonly expected?: string
  ) {
    super(`${userMessage.key} ${file} ${JSON.stringify(userMessage.params ?? {})}`);
    this.name = 'DataLoadError';
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
