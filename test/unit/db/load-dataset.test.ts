/**
 * The start-up order of one dataset (src/lib/db/load-dataset.ts): the first paint's file is read
 * before the page is handed the dataset, and the engine is started only when something asks for
 * it, after both; a broken first paint
 * is left out with a warning naming the file (the map waits for the month's facts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { loadDataset } from '../../../src/lib/db/load-dataset.ts';
import { staticDataSource } from '../../../src/lib/db/data-source.ts';
import type { AsyncDuckDB } from '../../../src/lib/db/duckdb.ts';
import { testPreset } from '../rules/test-preset.ts';

/** The months whose facts read was asked for, in order (the real reads still run). */
const factsReadsAsked = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/lib/db/month-facts.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/lib/db/month-facts.ts')>();
  return {
    ...real,
    factsReads: (...args: Parameters<typeof real.factsReads>) => {
      const reads = real.factsReads(...args);
      const read = reads.read.bind(reads);
      reads.read = (month: string, forIndex?: boolean) => {
        factsReadsAsked.push(month);
        return read(month, forIndex);
      };
      return reads;
    }
  };
});

const BASE = 'http://test';
const SOURCE = staticDataSource(BASE);
const DISTRICTS = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', geometry: null, properties: { code: '1', name: '城区', label: [0, 0] } }]
};
const META = { id: 'x', facts_months: ['2024-12'], first_paint: 'points.arrow', rule_preset: testPreset('x') };
const POINTS = tableToIPC(
  tableFromArrays({
    lon: Float32Array.of(109.4, 109.5),
    lat: Float32Array.of(24.3, 24.4),
    phase: Uint8Array.of(0, 2),
    sqrt_total: Float32Array.of(10, 20),
    sqrt_annual: Float32Array.of(3, 4)
  })
);

/** A server of in-memory files whose answers can be held back, recording what was asked in order. */
function stubServer(files: Record<string, unknown>) {
  const asked: string[] = [];
  const held = new Map<string, () => void>();
  const gates = new Map<string, Promise<void>>();
  const hold = (name: string) => gates.set(name, new Promise<void>((resolve) => held.set(name, resolve)));
  vi.stubGlobal('fetch', async (url: string) => {
    const name = url.slice(`${BASE}/`.length).replace(/^data\/x\//, '');
    asked.push(name);
    await gates.get(name);
    const body = files[name];
    if (body === undefined) return new Response('missing', { status: 404 });
    return new Response(body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]) : JSON.stringify(body));
  });
  return { asked, hold, release: (name: string) => held.get(name)!() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadDataset', () => {
  it('reads the first paint before it starts the engine and before it hands over the dataset', async () => {
    const server = stubServer({ 'meta.json': META, 'districts.geojson': DISTRICTS, 'points.arrow': POINTS });
    server.hold('points.arrow');
    const engine = {} as AsyncDuckDB;
    const events: string[] = [];
    const startEngine = vi.fn(async () => {
      events.push('engine');
      return engine;
    });
    const loading = loadDataset(
      startEngine,
      SOURCE,
      'x',
      () => undefined,
      (p) => events.push(`preview ${p.length}`)
    ).then((load) => {
      events.push('dataset');
      return load;
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(server.asked).toEqual(['districts.geojson', 'meta.json', 'config/presets.json', 'points.arrow']);
    expect(startEngine).not.toHaveBeenCalled();
    expect(events).toEqual([]);

    server.release('points.arrow');
    const load = await loading;
    for (let i = 0; i < 5; i++) await tick();
    // Nothing has asked for the engine: the page answers from its files alone (the embed).
    expect(startEngine).not.toHaveBeenCalled();
    expect(load.engine.demanded).toBe(false);
    expect(await load.engine).toBe(engine);
    expect(await load.engine.started).toBe(engine);
    expect(events).toEqual(['preview 2', 'dataset', 'engine']);
    expect(startEngine).toHaveBeenCalledTimes(1);
    expect(load.dataset.districts.features).toHaveLength(1);
  });

  it('starts the engine asked for before the first paint is read only once that is in, a task after the dataset', async () => {
    const server = stubServer({ 'meta.json': META, 'districts.geojson': DISTRICTS, 'points.arrow': POINTS });
    server.hold('points.arrow');
    const events: string[] = [];
    const startEngine = vi.fn(async () => {
      events.push('engine');
      return {} as AsyncDuckDB;
    });
    const loading = loadDataset(
      startEngine,
      SOURCE,
      'x',
      () => undefined,
      () => events.push('preview')
    ).then((load) => {
      events.push('dataset');
      void load.engine.demand();
      return load;
    });
    for (let i = 0; i < 5; i++) await tick();
    server.release('points.arrow');
    await (
      await loading
    ).engine.started;
    // The engine a task after the dataset: the page is laid out before the engine competes with it.
    expect(events).toEqual(['preview', 'dataset', 'engine']);
  });

  it('asks for the month’s facts before it hands the first paint to the page (whose drawing holds the main thread)', async () => {
    stubServer({ 'meta.json': META, 'districts.geojson': DISTRICTS, 'points.arrow': POINTS });
    factsReadsAsked.length = 0;
    let askedBeforePreview: string[] | null = null;
    const load = await loadDataset(
      async () => ({}) as AsyncDuckDB,
      SOURCE,
      'x',
      () => undefined,
      () => (askedBeforePreview = [...factsReadsAsked]),
      { factsFirst: { month: '2024-12' } }
    );
    expect(askedBeforePreview).toEqual(['2024-12']);
    expect(factsReadsAsked).toEqual(['2024-12']);
    expect(load.engine.demanded).toBe(false);
  });

  it('can start the engine once meta.json is in when the dataset has no first paint', async () => {
    const { first_paint: _none, ...meta } = META;
    const server = stubServer({ 'meta.json': meta, 'districts.geojson': DISTRICTS });
    server.hold('districts.geojson');
    const startEngine = vi.fn(async () => ({}) as AsyncDuckDB);
    const loading = loadDataset(
      startEngine,
      SOURCE,
      'x',
      () => undefined,
      () => undefined
    );
    server.release('districts.geojson');
    const load = await loading;
    await load.engine;
    expect(startEngine).toHaveBeenCalledTimes(1);
    expect(server.asked).not.toContain('points.arrow');
  });

  it('leaves a first paint it cannot read out with a console warning naming the file, and can still start the engine', async () => {
    const whole = POINTS;
    stubServer({ 'meta.json': META, 'districts.geojson': DISTRICTS, 'points.arrow': whole.subarray(0, whole.length >> 1) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const preview = vi.fn();
    const engine = {} as AsyncDuckDB;
    const load = await loadDataset(
      async () => engine,
      SOURCE,
      'x',
      () => undefined,
      preview
    );
    await expect(load.engine.demand()).resolves.toBe(engine);
    expect(preview).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/data\/x\/points\.arrow is not a valid Arrow IPC file/);
  });

  it('names meta.json when it is missing, and starts no engine', async () => {
    stubServer({ 'districts.geojson': DISTRICTS });
    const startEngine = vi.fn(async () => ({}) as AsyncDuckDB);
    await expect(
      loadDataset(
        startEngine,
        SOURCE,
        'x',
        () => undefined,
        () => undefined
      )
    ).rejects.toMatchObject({ file: 'data/x/meta.json' });
    expect(startEngine).not.toHaveBeenCalled();
  });

  it('stops on a meta.json preset that does not fit the schema, naming the key and what it allows, and starts no engine', async () => {
    const bad = { ...testPreset('x'), rag: { basis: 'points_behind', green_max_points_behind: 0, amber_max_points_behind: 120 } };
    stubServer({ 'meta.json': { ...META, rule_preset: bad }, 'districts.geojson': DISTRICTS });
    const startEngine = vi.fn(async () => ({}) as AsyncDuckDB);
    await expect(loadDataset(startEngine, SOURCE, 'x', () => undefined)).rejects.toMatchObject({
      file: 'data/x/meta.json',
      expected: { en: 'a number from 0 to 100', zh: '0 到 100 之间的数' },
      userMessage: {
        key: 'error.badPreset',
        params: { key: 'rule_preset.rag.amber_max_points_behind', detail: { en: '120 is not allowed', zh: '不能是 120' } }
      }
    });
    expect(startEngine).not.toHaveBeenCalled();
  });

  it('runs on the site config’s preset for the dataset instead of meta.json’s', async () => {
    const own = testPreset('site', { dueDay: 25, dueMonth: 'same' });
    stubServer({
      'meta.json': { ...META, rule_preset: { id: 'old', rag_amber_points: 10 } },
      'districts.geojson': DISTRICTS,
      'config/presets.json': { presets: { x: own } }
    });
    const load = await loadDataset(
      async () => ({}) as AsyncDuckDB,
      SOURCE,
      'x',
      () => undefined
    );
    expect(load.dataset.meta.rule_preset).toEqual(own);
  });

  it('names the site config and the key when its preset for the dataset is invalid', async () => {
    const own = { ...testPreset('site'), reports: { due_day: 32, due_month: 'next' } };
    stubServer({ 'meta.json': META, 'districts.geojson': DISTRICTS, 'config/presets.json': { presets: { x: own, other: {} } } });
    await expect(
      loadDataset(
        async () => ({}) as AsyncDuckDB,
        SOURCE,
        'x',
        () => undefined
      )
    ).rejects.toMatchObject({
      file: 'config/presets.json',
      userMessage: { key: 'error.badPreset', params: { key: 'presets.x.reports.due_day' } }
    });
  });
});
