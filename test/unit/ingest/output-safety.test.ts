/**
 * The output's safety with real processes: two ingests started together, a run killed half-way,
 * a run stopped with Ctrl-C or SIGTERM, and a user without permission. Nothing waits a fixed time:
 * the tests watch the file system for the state they need.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetDir } from '../../../scripts/ingest/dataset-io.ts';
import { tempDir, writeDistricts } from './fixtures.ts';
import { annexFile, datasetAt, writeLock } from './output-fixtures.ts';

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts `npm run ingest -- args` as one node process (tsx's own launcher would put a second one in between). */
function start(args: string[], options: SpawnOptions = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest/cli.ts', ...args], {
    cwd: path.resolve('.'),
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    ...options
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdout!.resume();
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** Resolves once an entry of `dir` matching `pattern` exists (fs.watch: nothing polls or sleeps); rejects if the run ends first. */
function appears(dir: string, pattern: RegExp, run: Promise<Finished>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const check = (name: string | null) => {
      if (name && pattern.test(name) && existsSync(path.join(dir, name))) {
        watcher.close();
        resolve(name);
      }
    };
    const watcher = watch(dir, (_, name) => check(name));
    readdirSync(dir).forEach(check);
    void run.then((r) => {
      watcher.close();
      reject(new Error(`the run ended (${r.code ?? r.signal}) before ${pattern} appeared: ${r.stderr}`));
    });
  });
}

function setup() {
  const dir = tempDir('safety-');
  return { dir, out: path.join(dir, 'out'), districts: writeDistricts(dir), annex: annexFile(dir) };
}

const ingestArgs = (s: ReturnType<typeof setup>, ...more: string[]) => [
  s.annex,
  '--dataset',
  'e',
  '--out',
  s.out,
  '--districts',
  s.districts,
  ...more
];

/** The dataset at `out` is complete and nothing else is left beside it. */
async function whole(s: ReturnType<typeof setup>): Promise<string> {
  const ds = await readDatasetDir(s.out);
  expect(ds.projects).toHaveLength(4);
  for (const f of ['points.arrow', 'ingest-report.json', 'ingest-report.txt']) expect(existsSync(path.join(s.out, f)), f).toBe(true);
  expect(readdirSync(s.dir).sort()).toEqual(['districts.geojson', 'out', '附表1.xlsx']);
  return ds.meta!.name.zh;
}

describe('two ingests into one dataset', () => {
  it('started together: each one either writes a whole dataset or is refused naming the other; the dataset is one of theirs', async () => {
    const s = setup();
    const runs = ['甲', '乙'].map((name) => ({ name, ...start(ingestArgs(s, '--name', name, '--quiet')) }));
    const results = await Promise.all(runs.map((r) => r.done));
    const written = runs.filter((_, i) => results[i].code === 0).map((r) => r.name);
    expect(written.length).toBeGreaterThanOrEqual(1);
    results.forEach((r, i) => {
      if (r.code === 0) return;
      expect(r.code).toBe(2);
      const other = runs[1 - i].child.pid;
      expect(r.stderr).toMatch(
        new RegExp(`another ingest \\(pid ${other}, started at [\\d-]+ [\\d:]+\\) is writing .*out; wait for it to finish`)
      );
    });
    expect(written).toContain(await whole(s));
  });

  it('one holding the lock (a live process): the other exits 2 with the message and writes nothing', async () => {
    const s = setup();
    writeLock(s.out);
    const r = await start(ingestArgs(s)).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `error: another ingest \\(pid ${process.pid}, started at 2026-12-05 09:30:00\\) is writing ${s.out}; .*remove ${s.out}\\.lock and run again`
      )
    );
    expect(existsSync(s.out)).toBe(false);
  });
});

describe('a run that does not finish', () => {
  it('killed half-way (SIGKILL) leaves the old dataset as it was; the next run takes over its lock, cleans up and writes', async () => {
    const s = setup();
    await datasetAt(s.out, s.districts);
    const before = readFileSync(path.join(s.out, 'meta.json'), 'utf8');
    const run = start(ingestArgs(s, '--name', '新'));
    await appears(s.dir, new RegExp(`^\\.out\\.tmp-${run.child.pid}-\\d+-\\d+$`), run.done);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(`${s.out}.lock`)).toBe(true);
    expect(readdirSync(s.dir).some((n) => n.startsWith('.out.tmp-'))).toBe(true);
    expect(readFileSync(path.join(s.out, 'meta.json'), 'utf8')).toBe(before);

    const next = await start(ingestArgs(s, '--name', '新')).done;
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(new RegExp(`warning: took over ${s.out}\\.lock: the ingest that held it \\(pid ${run.child.pid}, `));
    expect(next.stderr).toMatch(/warning: removed what a run that did not finish left in .*: \.out\.tmp-/);
    expect(await whole(s)).toBe('新');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stopped with %s releases its lock at once; the next run cleans up', async (signal) => {
    const s = setup();
    await datasetAt(s.out, s.districts);
    const run = start(ingestArgs(s, '--name', '新'));
    await appears(s.dir, /^out\.lock$/, run.done);
    run.child.kill(signal);
    const stopped = await run.done;
    expect(stopped.signal).toBe(signal);
    expect(existsSync(`${s.out}.lock`)).toBe(false);
    const next = await start(ingestArgs(s, '--name', '新')).done;
    expect(next.code).toBe(0);
    expect(next.stderr).not.toMatch(/took over/);
    expect(await whole(s)).toBe('新');
  });
});

describe('a user without permission (EACCES)', () => {
  // root may read and write anything: the runs go as nobody then, and as the user otherwise
  const asOther: SpawnOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // nobody may be unable to read this checkout (a home folder of mode 700): then there is nothing to test
  let runsAsOther: Promise<boolean> | undefined;
  const cannotRun = () => (runsAsOther ??= start(['--help'], asOther).done.then((r) => r.code === 0)).then((ok) => !ok);

  it('may not read the input: exit 2 naming the file, what went wrong and what to do', async (ctx) => {
    if (await cannotRun()) ctx.skip();
    const s = setup();
    chmodSync(s.dir, 0o777);
    chmodSync(s.annex, 0o000);
    const r = await start(ingestArgs(s), asOther).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error: ${s.annex}: cannot read file: permission denied; make sure you may read it (check its permissions and those of its folders)\nNothing was written.`
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('may not write the output’s folder: exit 2 naming the folder', async (ctx) => {
    if (await cannotRun()) ctx.skip();
    const s = setup();
    const ro = path.join(s.dir, 'shared');
    mkdirSync(ro);
    chmodSync(s.dir, 0o755);
    chmodSync(ro, 0o555);
    const r = await start([s.annex, '--dataset', 'e', '--out', path.join(ro, 'e'), '--districts', s.districts], asOther).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error: cannot create the lock file ${ro}/e.lock: permission denied; choose a folder you may write to, or get write permission on ${ro}`
    );
    expect(readdirSync(ro)).toEqual([]);
  });
});
