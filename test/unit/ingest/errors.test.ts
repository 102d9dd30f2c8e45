import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../scripts/ingest/cli.ts';
import { annexSheet, tempDir, writeDistricts, writeWorkbook } from './fixtures.ts';

let errors: string[] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

async function run(make: (dir: string) => string, extra: string[] = []) {
  const dir = tempDir();
  const file = make(dir);
  const out = path.join(dir, 'out');
  const code = await main([file, '--dataset', 'e', '--out', out, '--districts', writeDistricts(dir), '--quiet', ...extra]);
  return { code, out, message: errors.join('\n'), dir };
}

describe('unreadable input: clear errors, exit code 2, nothing written', () => {
  it('a corrupt .xlsx (truncated zip)', async () => {
    const r = await run((d) => {
      const f = writeWorkbook(path.join(d, 'good.xlsx'), [annexSheet()]);
      const bad = path.join(d, '附表1.xlsx');
      writeFileSync(bad, readFileSync(f).subarray(0, 300));
      return bad;
    });
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/附表1\.xlsx: cannot read workbook: corrupt/);
    expect(r.message).toContain('Nothing was written');
    expect(existsSync(r.out)).toBe(false);
  });
  it('a text file named .et', async () => {
    const r = await run((d) => {
      writeFileSync(path.join(d, 'x.et'), '这不是表格');
      return path.join(d, 'x.et');
    });
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/x\.et: not a \.et workbook \(no OLE\/CFB signature\)/);
  });
  it('an empty file', async () => {
    const r = await run((d) => {
      writeFileSync(path.join(d, 'empty.xlsx'), '');
      return path.join(d, 'empty.xlsx');
    });
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/empty\.xlsx: the file is empty/);
    expect(existsSync(r.out)).toBe(false);
  });
  it('an empty CSV and a workbook whose sheets are all blank', async () => {
    const csv = await run((d) => {
      writeFileSync(path.join(d, 'e.csv'), '\ufeff\r\n');
      return path.join(d, 'e.csv');
    });
    expect(csv.code).toBe(2);
    expect(csv.message).toMatch(/e\.csv: the file is empty/);
    const blank = await run((d) => writeWorkbook(path.join(d, 'b.xlsx'), [{ name: 'Sheet1', rows: [[null]] }]));
    expect(blank.code).toBe(2);
    expect(blank.message).toMatch(/no data/);
  });
  it('a workbook whose sheet holds no project table', async () => {
    const r = await run((d) => writeWorkbook(path.join(d, 'w.xlsx'), [{ name: '说明', rows: [['填表说明'], ['1. 金额单位为万元']] }]));
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/w\.xlsx: no sheet has a project table .*sheets: "说明"/);
    expect(existsSync(r.out)).toBe(false);
  });
  it('--sheet naming a sheet the workbook does not have', async () => {
    const r = await run((d) => writeWorkbook(path.join(d, 'a.xlsx'), [annexSheet()]), ['--sheet', '附表2']);
    expect(r.code).toBe(2);
    expect(r.message).toMatch(/a\.xlsx: no sheet named "附表2"; its sheets are "附表1"/);
  });
  it('a missing file, an unknown option and a bad option value', async () => {
    expect((await run((d) => path.join(d, 'nope.xlsx'))).message).toMatch(/nope\.xlsx: cannot read file/);
    expect(await main(['a.xlsx', '--dataset', 'x', '--bogus'])).toBe(2);
    expect(await main(['a.xlsx', '--dataset', 'x', '--phase', 'started'])).toBe(2);
    expect(errors.join('\n')).toMatch(/--phase must be one of preparatory, new, continuing, completion/);
    expect(await main(['a.xlsx'])).toBe(2);
  });
  it('an unreadable file among good ones writes nothing at all', async () => {
    const r = await run((d) => {
      writeWorkbook(path.join(d, 'good.xlsx'), [annexSheet()]);
      writeFileSync(path.join(d, 'bad.xls'), 'garbage');
      return path.join(d, 'good.xlsx');
    }, []);
    expect(r.code).toBe(0);
    const again = await main([
      path.join(r.dir, 'good.xlsx'),
      path.join(r.dir, 'bad.xls'),
      '--dataset',
      'e',
      '--out',
      path.join(r.dir, 'out2'),
      '--districts',
      path.join(r.dir, 'districts.geojson'),
      '--quiet'
    ]);
    expect(again).toBe(2);
    expect(existsSync(path.join(r.dir, 'out2'))).toBe(false);
  });
});
