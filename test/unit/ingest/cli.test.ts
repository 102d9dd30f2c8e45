import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { annexSheet, tempDir, writeDistricts, writeWorkbook } from './fixtures.ts';

const tsx = path.resolve('node_modules/.bin/tsx');
const run = (...args: string[]) =>
  spawnSync(tsx, ['scripts/ingest/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });

describe('the ingest command (npm run ingest)', () => {
  it('prints its usage and exits 0 with --help', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('npm run ingest -- <files...> --dataset <id>');
  });
  it('exits 2 on an unreadable file and 2 on a dataset directory that is not one', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'x.xlsx'), 'not a zip');
    const r = run(path.join(dir, 'x.xlsx'), '--dataset', 'x', '--out', path.join(dir, 'out'), '--districts', writeDistricts(dir));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/x\.xlsx: not an \.xlsx file/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    const e = run('--export', dir, path.join(dir, 'e.xlsx'));
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/not a dataset directory/);
  });
  it('exits 2 naming each key of a --preset that does not fit the schema, and writes nothing', () => {
    const dir = tempDir();
    const plan = writeWorkbook(path.join(dir, 'plan.xlsx'), [annexSheet()]);
    const preset = path.join(dir, 'rules.json');
    writeFileSync(preset, JSON.stringify({ id: 'x', rag_amber_points: 10 }));
    const r = run(plan, '--dataset', 'x', '--out', path.join(dir, 'out'), '--districts', writeDistricts(dir), '--preset', preset);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('rules.json: invalid rule preset');
    expect(r.stderr).toContain('rag_amber_points: unknown key (allowed: the keys id, name, source, rag,');
    expect(r.stderr).toContain('rag: missing (allowed: an object whose "basis" is one of points_behind, share_of_elapsed)');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
