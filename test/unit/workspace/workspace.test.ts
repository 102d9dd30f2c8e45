/**
 * The workspace and its URL bridge: the shared state a URL carries (read against the dataset's
 * months and districts), applied to the one query core; page links made of the shared state and
 * each page's own parameters as it was last left.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQueryCore } from '../../../src/lib/db/coordinator.ts';
import type { LoadedDataset } from '../../../src/lib/db/load-dataset.ts';
import { Workspace } from '../../../src/lib/workspace/workspace.svelte.ts';
import { datasetMonths, readSharedState, sharedParams } from '../../../src/lib/workspace/url-bridge.ts';
import { emptyFilters } from '../../../src/lib/state/dimensions.ts';
import { DataLoadError } from '../../../src/lib/db/errors.ts';
import type { FactsLoader } from '../../../src/lib/db/month-facts.ts';
import { projectFacts } from '../../../src/lib/metrics/facts.ts';
import { metricRules } from '../../../src/lib/metrics/preset.ts';
import { FIXTURE_META, fixtureFiles, writeFixture } from '../metrics/fixture.ts';
import { openWasm, type Engine } from '../db/engines.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await openWasm(await writeFixture());
});
afterAll(() => engine?.close());

const dataset = (): LoadedDataset =>
  ({
    meta: { ...FIXTURE_META, facts_months: ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'] },
    districts: fixtureFiles().districts,
    loadFacts: async () => undefined,
    loadTable: async () => undefined,
    lookup: async () => null
  }) as unknown as LoadedDataset;

function workspace(url: string): Workspace {
  const core = createQueryCore({
    connector: engine.connector,
    month: '2022-06',
    preset: FIXTURE_META.rule_preset,
    logger: null,
    localLimit: 0
  });
  return new Workspace({ dataset: dataset(), datasetId: 'fixture-2022', db: null as never, url: new URL(url, 'http://host/app/'), core });
}

describe('the months a dataset has', () => {
  it('are its facts months, all of them, over several years', () => {
    const jiujiang = [2021, 2022, 2023].flatMap((y) =>
      Array.from({ length: y === 2023 ? 6 : 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`)
    );
    expect(datasetMonths({ facts_months: jiujiang, as_of: '2023-06-30', years: [2021, 2022, 2023] })).toHaveLength(30);
    expect(
      readSharedState(new URLSearchParams('month=2021-03'), {
        meta: { facts_months: jiujiang, as_of: '2023-06-30' } as never,
        districts: { features: [] } as never
      }).state.month
    ).toBe('2021-03');
  });
});

describe('page URLs', () => {
  it('put the shared state first, then the page’s own parameters (never one that clashes), then the map area', () => {
    const filters = {
      ...emptyFilters(),
      phase: ['new'],
      area: { type: 'box' as const, bounds: [1, 2, 3, 4] as [number, number, number, number] }
    };
    const own = new URLSearchParams('color=rag&phase=bogus&sort=-name');
    expect(sharedParams({ ds: 'x', month: '2022-05', filters }, own).toString()).toBe(
      'ds=x&phase=new&month=2022-05&color=rag&sort=-name&box=1%2C2%2C3%2C4'
    );
  });
});

describe('the workspace', () => {
  it('holds the one playhead: taken from the URL (at), written to it and to the links while taken, handed back by a URL without it', () => {
    const ws = workspace('?at=2022-03');
    expect(ws.playhead?.engaged).toBe(true);
    expect(ws.playhead?.month).toBe('2022-03');
    ws.playhead!.step(1);
    expect(ws.shared.at).toBe('2022-04');
    expect(ws.href('/milestones/')).toBe('/milestones/?at=2022-04');
    ws.applyUrl(new URL('http://host/app/?at=2022-02'));
    expect(ws.playhead?.month).toBe('2022-02');
    ws.applyUrl(new URL('http://host/app/milestones/'));
    expect(ws.playhead?.engaged).toBe(false);
    expect(ws.shared.at).toBeNull();
    // A month the data has not is refused like the month's.
    const bad = workspace('?at=2030-01');
    expect(bad.playhead?.engaged).toBe(false);
    expect(bad.notices).toEqual([
      { key: 'url.monthOutOfRange', params: { param: 'at', value: '2030-01', first: '2022-01', last: '2022-06' } }
    ]);
    ws.destroy();
    bad.destroy();
  });

  it('applies the shared state of the URL it opens at, and reports what it cannot use', () => {
    const ws = workspace('?month=2022-05&sector=industry&district=999999');
    expect(ws.month).toBe('2022-05');
    expect(ws.filters.sector).toEqual(['industry']);
    expect(ws.core.filters.district).toEqual([]);
    expect(ws.notices).toEqual([{ key: 'url.unknownValue', params: { param: 'district', value: '999999' } }]);
    ws.destroy();
  });

  it('takes a navigation’s state, changing the core only where it differs', () => {
    const ws = workspace('?sector=industry');
    let changes = 0;
    ws.core.onChange(() => changes++);
    ws.applyUrl(new URL('http://host/app/overview/?sector=industry'));
    expect(changes).toBe(0);
    ws.applyUrl(new URL('http://host/app/?sector=ecology&month=2031-01'));
    expect(changes).toBe(1);
    expect(ws.filters.sector).toEqual(['ecology']);
    expect(ws.notices.map((n) => n.key)).toEqual(['url.monthOutOfRange']);
    ws.destroy();
  });

  it('keeps the value of each filter that a change leaves as it was, so the views reading only that one are not redrawn', () => {
    const ws = workspace('?sector=industry&phase=new');
    const { sector, phase } = ws.filters;
    ws.setFilter('district', ['450202']);
    expect(ws.filters.district).toEqual(['450202']);
    expect(ws.filters.sector).toBe(sector);
    expect(ws.filters.phase).toBe(phase);
    ws.setFilter('phase', ['continuing']);
    expect(ws.filters.phase).toEqual(['continuing']);
    expect(ws.filters.sector).toBe(sector);
    // The links still carry every filter, and reading them changes none.
    expect(ws.href('/overview/')).toBe('/overview/?phase=continuing&sector=industry&district=450202');
    expect(ws.filters.sector).toBe(sector);
    ws.destroy();
  });

  it('links to a page with the shared state and the page’s own parameters as it was last left', () => {
    const ws = workspace('?ds=fixture-2022&phase=new');
    const detach = ws.attachPage('/', () => new URLSearchParams('color=rag&view=table'));
    expect(ws.href('/overview/')).toBe('/overview/?ds=fixture-2022&phase=new');
    detach();
    expect(ws.href('/')).toBe('/?ds=fixture-2022&phase=new&color=rag&view=table');
    expect(ws.href('/', { filters: { phase: ['continuing'], sector: ['industry'] } })).toBe(
      '/?ds=fixture-2022&phase=continuing&sector=industry&color=rag&view=table'
    );
    expect(ws.href('/', { params: new URLSearchParams('project=P01') })).toBe('/?ds=fixture-2022&phase=new&project=P01');
    ws.destroy();
  });

  it('gives a district’s or a sector’s page its route scope from the URL, with the shared state, and none to a page without', () => {
    const ws = new Workspace({
      dataset: dataset(),
      datasetId: 'fixture-2022',
      db: null as never,
      url: new URL('http://host/app/district/?d=450203&phase=new'),
      base: '/app',
      core: createQueryCore({
        connector: engine.connector,
        month: '2022-06',
        preset: FIXTURE_META.rule_preset,
        logger: null,
        localLimit: 0
      })
    });
    expect(ws.core.scope).toEqual({ district: ['450203'] });
    expect(ws.filters.phase).toEqual(['new']);
    let changes = 0;
    ws.core.onChange(() => changes++);
    ws.applyUrl(new URL('http://host/app/sector/?s=industry&phase=new'));
    expect(changes).toBe(1);
    expect(ws.core.scope).toEqual({ sector: ['industry'] });
    ws.applyUrl(new URL('http://host/app/district/?d=999999&phase=new'));
    expect(ws.core.scope).toEqual({});
    ws.applyUrl(new URL('http://host/app/district/?d=450202&phase=new'));
    ws.applyUrl(new URL('http://host/app/?phase=new'));
    expect(ws.core.scope).toEqual({});
    expect(ws.filters.phase).toEqual(['new']);
    ws.destroy();
  });

  it('shows only the months the dataset has', () => {
    const ws = workspace('');
    ws.setMonth('2031-01');
    expect(ws.month).toBe('2022-06');
    ws.setMonth('2022-02');
    expect(ws.month).toBe('2022-02');
    ws.destroy();
  });
});

/**
 * A workspace whose months' facts are loaded from the fixture's tables, except those in
 * `unreadable`, whose file answers 404.
 */
function workspaceWithFiles(url: string, unreadable: string[], onfatal = vi.fn()) {
  const rules = metricRules(FIXTURE_META.rule_preset);
  const loadFacts: FactsLoader = async (month, table) => {
    const file = `data/fixture-2022/facts/${month.key}.parquet`;
    if (unreadable.includes(month.key)) throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: 404 } }, file);
    await engine.rows(`CREATE OR REPLACE TABLE ${table} AS ${projectFacts({ month, rules })}`);
  };
  const core = createQueryCore({
    connector: engine.connector,
    month: '2022-06',
    preset: FIXTURE_META.rule_preset,
    logger: null,
    localLimit: 0,
    loadFacts
  });
  const ws = new Workspace({
    dataset: dataset(),
    datasetId: 'fixture-2022',
    db: null as never,
    url: new URL(url, 'http://host/app/'),
    core,
    onfatal
  });
  return { ws, onfatal };
}

const MISSING_0203 = {
  key: 'notice.monthUnreadable',
  params: { month: '2022-03', shown: '2022-06' },
  cause: { key: 'error.fileMissing', params: { file: 'data/fixture-2022/facts/2022-03.parquet', status: 404 } }
};

describe('a month whose facts cannot be read', () => {
  it('leaves the page on the month it showed, with a notice naming the month and the file, and the menu marking it', async () => {
    const { ws, onfatal } = workspaceWithFiles('', ['2022-03']);
    await ws.core.coordinator.whenIdle();
    ws.setMonth('2022-03');
    expect(ws.month).toBe('2022-03');
    await vi.waitFor(() => expect(ws.notices).toEqual([MISSING_0203]));
    expect(ws.month).toBe('2022-06');
    expect(ws.unreadableMonths).toEqual(['2022-03']);
    expect(onfatal).not.toHaveBeenCalled();
    ws.destroy();
  });

  it('opened by a link shows the as-of month, with the notice', async () => {
    const { ws, onfatal } = workspaceWithFiles('?month=2022-03', ['2022-03']);
    expect(ws.month).toBe('2022-03');
    await vi.waitFor(() => expect(ws.notices).toEqual([MISSING_0203]));
    expect(ws.month).toBe('2022-06');
    expect(onfatal).not.toHaveBeenCalled();
    ws.destroy();
  });

  it('is the error screen when it is the as-of month and no other has been shown', async () => {
    const { ws, onfatal } = workspaceWithFiles('', ['2022-06']);
    await vi.waitFor(() => expect(onfatal).toHaveBeenCalledTimes(1));
    expect(onfatal.mock.calls[0][0]).toBeInstanceOf(DataLoadError);
    expect(ws.notices).toEqual([]);
    ws.destroy();
  });
});
