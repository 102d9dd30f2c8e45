import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../scripts/ingest/cli.ts';
import { defaultArgs, newSetup, type CatalogueEntry } from './catalogue.ts';

/** Raise this when entries are added; it never goes down. */
const MIN_ENTRIES = 60;

const modules = import.meta.glob<{ default: CatalogueEntry }>('./catalogue/*.ts', { eager: true });
const entries = Object.entries(modules).map(([file, m]) => [path.basename(file, '.ts'), m.default] as const);

let printed: string[] = [];
beforeEach(() => {
  printed = [];
  const keep = (...a: unknown[]) => void printed.push(a.map(String).join(' '));
  vi.spyOn(console, 'error').mockImplementation(keep);
  vi.spyOn(console, 'warn').mockImplementation(keep);
  vi.spyOn(console, 'log').mockImplementation(keep);
  const write = (chunk: unknown) => (printed.push(String(chunk)), true);
  vi.spyOn(process.stderr, 'write').mockImplementation(write);
  vi.spyOn(process.stdout, 'write').mockImplementation(write);
});
afterEach(() => vi.restoreAllMocks());

describe('the catalogue of bad inputs', () => {
  it(`holds at least ${MIN_ENTRIES} inputs, one file each`, () => {
    expect(entries.length).toBeGreaterThanOrEqual(MIN_ENTRIES);
    for (const [, e] of entries) expect(e.input.length).toBeGreaterThan(0);
  });
  for (const [name, entry] of entries) {
    it(
      `${name}: ${entry.input} → exit ${entry.code}`,
      async () => {
        const setup = newSetup();
        const run = await entry.build(setup);
        const argv = run.bare ? run.args : [...run.args, ...defaultArgs(setup)];
        const code = await main(argv);
        const text = printed.join('\n');
        expect({ code, text }).toMatchObject({ code: entry.code });
        for (const pattern of entry.message) expect(text).toMatch(pattern);
        expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
        const written = entry.written ?? entry.code === 0;
        if (!written) expect(existsSync(setup.out)).toBe(false);
        await entry.after?.(setup, text);
      },
      entry.timeout
    );
  }
});
