/** The protect step's inputs (scripts/protect/passphrases.ts, cli.ts, cuts.ts). */
import { describe, expect, it } from 'vitest';
import { cutsFor } from '../../../scripts/protect/cuts.ts';
import { parseArgs } from '../../../scripts/protect/cli.ts';
import { parsePassphrases, readPassphrases } from '../../../scripts/protect/passphrases.ts';

describe('the protect step', () => {
  it('reads one passphrase per line, skipping blank lines and comments', () => {
    expect(parsePassphrases('# audiences\r\nfirst passphrase here\n\n  second passphrase  \n')).toEqual([
      'first passphrase here',
      'second passphrase'
    ]);
  });

  it('refuses no passphrase, a short one, or the same one twice', () => {
    expect(() => readPassphrases({})).toThrow(/no passphrase/);
    expect(() => readPassphrases({ single: 'short' })).toThrow(/shorter than 10/);
    expect(() => readPassphrases({ single: '十个汉字的访问口令好' })).not.toThrow();
  });

  it('takes the passphrase file from the environment and refuses too few iterations', () => {
    expect(parseArgs([], { CMAP_PASSPHRASE_FILE: '/secure/p.txt' })).toMatchObject({
      from: 'build',
      to: 'build-protected',
      passphraseFile: '/secure/p.txt'
    });
    expect(() => parseArgs(['--iterations', '1000'], {})).toThrow(/600000/);
    expect(() => parseArgs(['--passphrase', 'x'], {})).toThrow();
    expect(() => parseArgs(['--to', 'build'], {})).toThrow(/differ/);
  });

  it('cuts a Parquet file at each row group, at column chunks at least 16 KiB apart, and at the footer', () => {
    const chunks = [
      { rowGroup: 0, start: 4 },
      { rowGroup: 0, start: 100 },
      { rowGroup: 0, start: 20_000 },
      { rowGroup: 1, start: 30_000 },
      { rowGroup: 1, start: 30_500 }
    ];
    expect(cutsFor(chunks, 40_000)).toEqual([4, 20_000, 30_000, 40_000]);
  });
});
