/**
 * The passphrases a protected build is opened with, read from a file (one per line, one line per
 * audience) or an environment variable, never from the command line, where they would stay in the
 * shell's history and in every process listing.
 */
import { readFileSync } from 'node:fs';
import { normalizePassphrase } from '../../src/lib/protect/keys.ts';

/** Shorter passphrases could be found by trying, PBKDF2 or not. */
export const MIN_LENGTH = 10;

export interface PassphraseSources {
  /** `--passphrase-file` or CMAP_PASSPHRASE_FILE: one passphrase per line; blank lines and lines beginning with # are skipped. */
  file?: string;
  /** CMAP_PASSPHRASE: a single passphrase. */
  single?: string;
}

/** Passphrases from a file's text. */
export function parsePassphrases(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(normalizePassphrase)
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Every passphrase given, checked; throws with a sentence for IT staff when there is none or one is too short. */
export function readPassphrases({ file, single }: PassphraseSources): string[] {
  const list = [...(file ? parsePassphrases(readFileSync(file, 'utf8')) : []), ...(single ? [normalizePassphrase(single)] : [])];
  if (list.length === 0) {
    throw new Error(
      'no passphrase: put one per line in a file named by --passphrase-file (or CMAP_PASSPHRASE_FILE), or set CMAP_PASSPHRASE'
    );
  }
  const short = list.findIndex((p) => [...p].length < MIN_LENGTH);
  if (short >= 0) throw new Error(`passphrase ${short + 1} is shorter than ${MIN_LENGTH} characters`);
  if (new Set(list).size !== list.length) throw new Error('the same passphrase is given twice');
  return list;
}
