/** The data CLI: options, clear messages for bad input, skip-existing behaviour. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, run, UsageError } from '../../../scripts/generate/cli.ts';
import { allocate, wanToYi, yiToWan } from '../../../scripts/generate/allocate.ts';
import { removeTemps, tempDir } from './helpers.ts';

afterAll(removeTemps);

describe('parseArgs', () => {
  it('reads the options', () => {
    const o = parseArgs(['--projects', '1_000_000', '--id', 'bench-1m', '--seed=42', '--no-index']);
    expect(o).toMatchObject({ projects: 1_000_000, id: 'bench-1m', seed: 42, index: false });
    expect(parseArgs([]).projects).toBeNull();
  });

  it.each([
    [['--projects', 'abc'], /--projects must be a whole number.*"abc"/],
    [['--projects', '0'], /--projects must be a whole number/],
    [['--projects', '-5'], /--projects must be a whole number.*"-5"/],
    [['--projects'], /--projects needs a value/],
    [['--seed', 'x'], /--seed must be an integer/],
    [['--only', 'paris-2024'], /unknown dataset paris-2024.*liuzhou-2022/],
    [['--id', 'Bad Id', '--projects', '10'], /--id must be lowercase/],
    [['--id', 'b'], /--id is only for benchmark datasets/],
    [['--frobnicate'], /unknown option "--frobnicate"/]
  ])('rejects %j with a clear message', (argv, msg) => {
    expect(() => parseArgs(argv as string[])).toThrow(UsageError);
    expect(() => parseArgs(argv as string[])).toThrow(msg);
  });

  it('exits 2 with the message on stderr when run', () => {
    let err: { status: number; stderr: Buffer } | undefined;
    try {
      execFileSync('npx', ['tsx', 'scripts/generate/cli.ts', '--projects', 'abc'], { stdio: 'pipe' });
    } catch (e) {
      err = e as { status: number; stderr: Buffer };
    }
    expect(err?.status).toBe(2);
    expect(err?.stderr.toString()).toMatch(/npm run data: --projects must be a whole number from 1 to 20000000, got "abc"/);
  });

  it('skips datasets already present unless --force', async () => {
    const dir = tempDir('cm-cli-');
    const log: string[] = [];
    await run(parseArgs(['--out', dir, '--only', 'county-2023']), (s) => log.push(s));
    await run(parseArgs(['--out', dir, '--only', 'county-2023']), (s) => log.push(s));
    expect(log[0]).toMatch(/^county-2023: 36 projects/);
    expect(log[1]).toMatch(/present \(use --force/);
  });
});

describe('allocation', () => {
  it('splits an integer total exactly within bounds', () => {
    const parts = allocate(7078900, [5, 1, 1, 0.2, 3], [3000, 3000, 3000, 3000, 3000], [2000000, 2000000, 2000000, 2000000, 2000000]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(7078900);
    for (const p of parts) expect(p).toBeGreaterThanOrEqual(3000);
    for (const p of parts) expect(p).toBeLessThanOrEqual(2000000);
    expect(() => allocate(10, [1, 1], [6, 6])).toThrow(/cannot allocate/);
  });

  it('converts 亿元 and 万元 exactly', () => {
    expect(yiToWan('707.89')).toBe(7078900);
    expect(yiToWan('5.5')).toBe(55000);
    expect(wanToYi(31824400)).toBe('3182.44');
    expect(wanToYi(49)).toBe('0.00');
    expect(wanToYi(50)).toBe('0.01');
  });
});

describe('the dataset writer it shares with the ingest', () => {
  it('refuses to replace a folder that is not a dataset', async () => {
    const dir = tempDir('cm-cli-');
    mkdirSync(path.join(dir, 'county-2023'));
    writeFileSync(path.join(dir, 'county-2023', 'notes.txt'), '会议记录');
    await expect(run(parseArgs(['--out', dir, '--only', 'county-2023', '--no-index']), () => {})).rejects.toThrow(
      /county-2023 is not a dataset folder \(no meta\.json\) and holds 1 entry \(notes\.txt\)/
    );
    expect(readdirSync(path.join(dir, 'county-2023'))).toEqual(['notes.txt']);
  });

  it('refuses a dataset another run is writing (its lock names a live process)', async () => {
    const dir = tempDir('cm-cli-');
    const lock = { pid: process.pid, host: hostname(), started: new Date().toISOString(), tool: 'ingest', command: 'npm run ingest' };
    writeFileSync(path.join(dir, 'county-2023.lock'), JSON.stringify(lock));
    await expect(run(parseArgs(['--out', dir, '--only', 'county-2023', '--no-index']), () => {})).rejects.toThrow(
      new RegExp(`another ingest \\(pid ${process.pid}, started at .*\\) is writing .*county-2023`)
    );
    expect(readdirSync(dir)).toEqual(['county-2023.lock']);
  });
});
