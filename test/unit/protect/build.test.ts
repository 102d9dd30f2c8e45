/**
 * The protected build (scripts/protect/protect-build.ts) of a small build: no data file in it
 * parses as Parquet, JSON or Arrow; each decrypts, with each passphrase's key, to the plain file;
 * the site's code is copied as it was and precompressed copies of data files are left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import { openDuckDB } from '../../../scripts/lib/dataset-writer.ts';
import { isDataFile, protectBuild, type ProtectReport } from '../../../scripts/protect/protect-build.ts';
import { decryptWhole } from '../../../src/lib/protect/chunked.ts';
import { KEY_FILE, unlockWithPassphrase, type KeyFile } from '../../../src/lib/protect/keys.ts';
import { ciphers } from './fixture.ts';

const PASSPHRASES = ['first audience passphrase', '第二个受众的访问口令'];
let dir: string;
let report: ProtectReport;

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cm-protect-build-'));
  const plain = path.join(dir, 'build');
  await mkdir(path.join(plain, 'data'), { recursive: true });
  await cp('static/data/county-2023', path.join(plain, 'data/county-2023'), { recursive: true });
  await cp('static/data/index.json', path.join(plain, 'data/index.json'));
  await writeFile(path.join(plain, 'data/county-2023/meta.json.gz'), 'a precompressed copy');
  await writeFile(path.join(plain, 'index.html'), '<!doctype html><title>Command Map</title>');
  await writeFile(path.join(plain, 'data/index.html'), '<!doctype html><title>数据</title>');
  await mkdir(path.join(plain, 'config'));
  await writeFile(path.join(plain, 'config/presets.example.json'), '{ "source": "柳州市2022年市级层面统筹推进重大项目实施方案" }');
  await writeFile(path.join(plain, 'config/basemaps.json'), '{ "basemaps": [] }');
  report = await protectBuild({ from: plain, to: path.join(dir, 'protected'), passphrases: PASSPHRASES });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the protected build', () => {
  it('encrypts the dataset index and every file of the dataset, and nothing else', async () => {
    const files = await filesUnder(path.join(dir, 'protected'));
    expect(report.encrypted).toContain('data/index.json');
    expect(report.encrypted).toContain('data/county-2023/projects.parquet');
    expect(report.encrypted).toContain('data/county-2023/points.arrow');
    expect(report.encrypted.some((f) => f.startsWith('data/county-2023/facts/'))).toBe(true);
    expect(files.filter((f) => f.startsWith('data/') && !report.encrypted.includes(f)).sort()).toEqual(['data/index.html', KEY_FILE]);
    expect(await readFile(path.join(dir, 'protected/index.html'), 'utf8')).toContain('Command Map');
  });

  it('leaves out precompressed copies of data files, which would hold the plaintext, and the config examples', async () => {
    expect(report.dropped.sort()).toEqual(['config/presets.example.json', 'data/county-2023/meta.json.gz']);
    expect(await readFile(path.join(dir, 'protected/config/basemaps.json'), 'utf8')).toContain('basemaps');
  });

  it('has no data file that parses as Parquet, JSON or Arrow', async () => {
    const conn = await openDuckDB();
    try {
      for (const file of report.encrypted) {
        const full = path.join(dir, 'protected', file);
        const bytes = new Uint8Array(await readFile(full));
        expect(() => JSON.parse(new TextDecoder().decode(bytes)), file).toThrow();
        expect(() => tableFromIPC(bytes), file).toThrow();
        expect(() => readParquet(bytes), file).toThrow();
        await expect(conn.run(`SELECT * FROM read_parquet('${full}')`), file).rejects.toThrow();
      }
    } finally {
      conn.closeSync();
    }
  });

  it('decrypts every data file to the plain one with the key of either passphrase', async () => {
    const { webcrypto, noble } = await ciphers();
    const keyFile = JSON.parse(await readFile(path.join(dir, 'protected', KEY_FILE), 'utf8')) as KeyFile;
    const keys = await Promise.all(PASSPHRASES.map((p) => unlockWithPassphrase(keyFile, p, webcrypto)));
    expect(keys[0]).not.toBeNull();
    expect(keys[1]).toEqual(keys[0]);
    for (const file of report.encrypted) {
      const sealed = new Uint8Array(await readFile(path.join(dir, 'protected', file)));
      const original = new Uint8Array(await readFile(path.join(dir, 'build', file)));
      expect(await decryptWhole(sealed, keys[0]!, file, file.endsWith('.parquet') ? noble : webcrypto), file).toEqual(original);
    }
  });

  it('tells dataset files from the pages that share their folder', () => {
    expect(isDataFile('data/index.json')).toBe(true);
    expect(isDataFile('data/liuzhou-2022/facts/2022-09.parquet')).toBe(true);
    expect(isDataFile('data/index.html')).toBe(false);
    expect(isDataFile(KEY_FILE)).toBe(false);
    expect(isDataFile('_app/immutable/entry/app.js')).toBe(false);
  });
});
