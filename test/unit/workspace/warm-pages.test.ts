/**
 * What the map loads behind it for a first click into a district's page (workspace/pages.ts
 * `warmPages`): each part once the filters have rested, and a part that reads the database only
 * once the month is in it, so that it never runs beside the month's insert while filters change.
 * Whether it starts the engine for that itself is workspace/engine-start.ts ENGINE_START: 'idle'
 * once the filters have rested, 'on-need' (the default) never: the bases made in the page are then
 * all it warms, and a part the page cannot make waits for something else to start the engine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { warmPages } from '../../../src/lib/workspace/pages.ts';
import { ENGINE_START, startEngineWhenIdle } from '../../../src/lib/workspace/engine-start.ts';
import type { Workspace } from '../../../src/lib/workspace/workspace.svelte.ts';
import type { Prefetch } from '../../../src/lib/db/coordinator.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A workspace of an internal dataset whose engine and month are let in by hand; `pageRows`: the page keeps the month's rows (bases made there). */
function workspace(pageRows = true) {
  const engine = deferred();
  const facts = deferred();
  let factsGoing = false;
  const listeners = new Set<() => void>();
  const asked: Prefetch[] = [];
  /** The parts the page makes itself (bases from its rows and the ledger it decodes): done at once here. */
  const inPage: Prefetch[] = [];
  const useDatabase = vi.fn();
  /** Each part's load, let finish by hand. */
  const loads: (() => void)[] = [];
  const summary = vi.fn(() => Promise.resolve());
  /** Asking for the engine starts nothing here: the test lets it in (`engineIn`). */
  const demand = vi.fn(() => engine.promise);
  const ws = {
    internal: true,
    projects: 1_000,
    filters: {},
    db: {
      started: engine.promise,
      get demanded() {
        return demand.mock.calls.length > 0;
      },
      demand
    },
    dataset: { loadPlaybackSummary: summary },
    core: {
      onChange: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
      prefetch: (p: Prefetch) => {
        if (p.rows?.every((r) => typeof r !== 'function' && r.pageOnly))
          return (inPage.push(p), Promise.resolve(p.rows.map(() => pageRows)));
        asked.push(p);
        return new Promise<void>((done) => loads.push(done));
      },
      useDatabase,
      factsInDatabase: () => (factsGoing ? facts.promise : null)
    }
  } as unknown as Workspace;
  return {
    ws,
    asked,
    inPage,
    useDatabase,
    loads,
    summary,
    demand,
    engineIn: () => engine.resolve(),
    monthGoingIn: () => (factsGoing = true),
    monthIn: () => facts.resolve(),
    change: () => listeners.forEach((l) => l())
  };
}

const idle = (run: () => void) => {
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
};

/** The engine comes in: the ledger is asked for once the filters have rested 1.5 s from then, and each load is let through. */
async function ledgerAfterEngine(w: ReturnType<typeof workspace>, betweenLoads: number): Promise<void> {
  w.engineIn();
  await vi.advanceTimersByTimeAsync(1_400);
  expect(w.asked).toEqual([]);
  await vi.advanceTimersByTimeAsync(200);
  expect(w.asked).toEqual([{ tables: ['problems'] }]);
  for (let i = 0; i < 3; i++) {
    w.loads[i]?.();
    await vi.advanceTimersByTimeAsync(betweenLoads);
  }
}

describe('warming a district page behind the map', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the rest before a database part from the month in the database, and a change then still puts it off', async () => {
    const w = workspace();
    const done = warmPages(w.ws, idle, 'idle');
    // Filters left alone for long, but the engine is not in: only what the page makes itself goes,
    // the ranking's base and the open problems', and the playback summary.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.asked).toEqual([]);
    expect(w.inPage.map((p) => p.rows?.map((r) => typeof r !== 'function' && r.pageTables))).toEqual([[undefined], [['problems']]]);
    expect(w.summary).toHaveBeenCalledTimes(1);
    w.engineIn();
    w.monthGoingIn();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.asked).toEqual([]);
    // The month goes in: the rest is counted from then, or from a change after.
    w.monthIn();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(w.asked).toEqual([]);
    w.change();
    await vi.advanceTimersByTimeAsync(1_400);
    expect(w.asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(w.asked).toEqual([{ tables: ['problems'] }]);
    // A change while a part loads puts the next one off by the whole rest again.
    w.change();
    w.loads[0]();
    await vi.advanceTimersByTimeAsync(1_400);
    expect(w.asked.length).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(w.asked.length).toBe(2);
    expect(w.asked[1].rows?.length).toBe(1);
    for (let i = 1; i < 3; i++) {
      w.loads[i]();
      await vi.advanceTimersByTimeAsync(0);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(w.asked.length).toBe(3);
    expect(w.summary).toHaveBeenCalledTimes(1);
  });

  it('goes once the engine is in when the month is not going into it (nothing has needed the database)', async () => {
    const w = workspace();
    const done = warmPages(w.ws, idle, 'idle');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.asked).toEqual([]);
    // The filters have rested for long, but the rest is counted from the engine's arrival.
    await ledgerAfterEngine(w, 0);
    await done;
  });
});

describe('the engine start of the warm-up (ENGINE_START)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is 'on-need' by default", () => {
    expect(ENGINE_START).toBe('on-need');
  });

  it("'idle': warmPages starts the engine once the filters have rested, then warms as it would", async () => {
    const w = workspace();
    const done = warmPages(w.ws, idle, 'idle');
    await vi.advanceTimersByTimeAsync(1_000);
    w.change();
    await vi.advanceTimersByTimeAsync(1_400);
    expect(w.demand).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(w.demand).toHaveBeenCalledTimes(1);
    expect(w.asked).toEqual([]);
    // In, the month not going into the database: the rest is counted from then, as when another need started it.
    await ledgerAfterEngine(w, 2_000);
    await done;
    expect(w.asked.length).toBe(3);
    expect(w.demand).toHaveBeenCalledTimes(1);
    // The bases were made in the page: the month is put into the database by the warm-up itself.
    expect(w.useDatabase).toHaveBeenCalledTimes(1);
  });

  it("'on-need': warmPages makes the bases in the page and is done, the engine neither started nor waited for", async () => {
    const w = workspace();
    let warmed = false;
    const done = warmPages(w.ws, idle, 'on-need').then(() => (warmed = true));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(warmed).toBe(true);
    await done;
    expect(w.inPage.length).toBe(2);
    expect(w.summary).toHaveBeenCalledTimes(1);
    expect(w.asked).toEqual([]);
    expect(w.demand).not.toHaveBeenCalled();
    expect(w.useDatabase).not.toHaveBeenCalled();
  });

  it("'on-need': a base the page cannot make (no page rows) waits for something else to start the engine, without the ledger's table", async () => {
    const w = workspace(false);
    let warmed = false;
    const done = warmPages(w.ws, idle, 'on-need').then(() => (warmed = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.inPage.length).toBe(2);
    expect(w.asked).toEqual([]);
    expect(warmed).toBe(false);
    expect(w.demand).not.toHaveBeenCalled();
    w.engineIn();
    await vi.advanceTimersByTimeAsync(1_600);
    expect(w.asked.map((p) => [p.tables, p.rows?.length])).toEqual([[undefined, 1]]);
    for (let i = 0; i < 2; i++) {
      w.loads[i]?.();
      await vi.advanceTimersByTimeAsync(2_000);
    }
    await done;
    expect(w.asked.length).toBe(2);
    expect(w.demand).not.toHaveBeenCalled();
    expect(w.useDatabase).not.toHaveBeenCalled();
  });

  it("the app shell's start: 'idle' at the browser's next idle moment (not once asked already), 'on-need' never", async () => {
    for (const policy of ['idle', 'on-need'] as const) {
      const demand = vi.fn(() => Promise.resolve({} as never));
      startEngineWhenIdle({ demand, demanded: false }, idle, policy);
      expect(demand).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(10_000);
      expect([policy, demand.mock.calls.length]).toEqual([policy, policy === 'idle' ? 1 : 0]);
    }
    const demand = vi.fn(() => Promise.resolve({} as never));
    const cancel = startEngineWhenIdle({ demand, demanded: false }, idle, 'idle');
    cancel();
    startEngineWhenIdle({ demand, demanded: true }, idle, 'idle');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(demand).not.toHaveBeenCalled();
  });
});
