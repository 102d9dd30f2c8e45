/**
 * The page's answers (db/local/) against DuckDB's, on a generated dataset whose rows reach the
 * branches the Liuzhou data misses (parity-fixture.ts): two query cores on one duckdb-wasm
 * database, one that always asks the database (localLimit 0) and one that answers in the page,
 * with the same views connected, given the same changes. One test walks hand-picked edge cases
 * (points on box edges, on lasso vertices and horizontal lasso edges, upper-case needles, a
 * selection of preparatory projects only); the property test draws filter states from the
 * dimension registry (state/dimensions.ts), month changes and route scopes with a seeded PRNG.
 *
 *   PARITY_SEED=123 PARITY_STEPS=1000 TZ=Asia/Shanghai npx vitest run test/unit/db/parity-property.test.ts
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '@uwdata/mosaic-core';
import type { Table } from '@uwdata/flechette';
import { createQueryCore, type QueryCore } from '../../../src/lib/db/coordinator.ts';
import type { ClientSpec } from '../../../src/lib/db/coordinator-client.ts';
import { pageCanAnswer } from '../../../src/lib/db/local/answers.ts';
import { facetCountsQuery, groupedInputs, groupedMetrics, levelMetrics } from '../../../src/lib/queries/views.ts';
import { projectPointsQuery } from '../../../src/lib/map/project-points.ts';
import { projectLinesQuery } from '../../../src/lib/map/project-lines.ts';
import { METRICS } from '../../../src/lib/metrics/definitions.ts';
import { PAGE_INPUTS, type InputId } from '../../../src/lib/metrics/inputs.ts';
import {
  emptyFilters,
  LIST_COLUMNS,
  LIST_DIMENSIONS,
  type FilterDimension,
  type FilterState,
  type ListDimension
} from '../../../src/lib/state/dimensions.ts';
import type { Ring } from '../../../src/lib/queries/area.ts';
import { openWasm, type Engine } from './engines.ts';
import { Draw, loadParityFixture, MONTHS, PARITY_PRESET, parityFixture, prng, type ParityFixture } from './parity-fixture.ts';
import { dataValues, drawDimension, drawFilters, drawScope, mixCase, WEIGHTED_DIMS } from './parity-draws.ts';

const SEED = Number(process.env.PARITY_SEED ?? 20220630);
const STEPS = Number(process.env.PARITY_STEPS ?? 150);

let engine: Engine;
let fixture: ParityFixture;
beforeAll(async () => {
  engine = await openWasm();
  fixture = parityFixture(SEED);
  await loadParityFixture(engine.connector, fixture);
});
afterAll(() => engine?.close());
/** The cores of a test, destroyed after it (their facts tables dropped). */
const cores: QueryCore[] = [];
afterEach(() => cores.splice(0).forEach((core) => core.destroy()));

/** Every metric the page can answer, and every input it keeps. */
const PAGE_METRICS = METRICS.map((m) => m.id).filter((id) => pageCanAnswer([id]));
const INPUTS: InputId[] = ['projects', ...PAGE_INPUTS];

type View = Omit<ClientSpec, 'result'>;
/** Metrics grouped by list dimensions (a metric named like a grouping column, rag by rag, left out). */
function metricsBy(by: ListDimension[], owns: FilterDimension[] = []): View {
  const metrics = PAGE_METRICS.filter((id) => !by.some((dim) => LIST_COLUMNS[dim] === id));
  return { owns, local: { kind: 'metrics', metrics, by }, query: (ctx) => groupedMetrics(ctx, by, metrics) };
}
const inputsBy = (by: ListDimension[], owns: FilterDimension[] = []): View => ({
  owns,
  local: { kind: 'inputs', inputs: INPUTS, by },
  query: (ctx) => groupedInputs(ctx, by, INPUTS)
});

/** The views, the same on both cores: the map's rows, a facet per list dimension, metrics and inputs grouped several ways. */
const VIEWS: Record<string, View> = {
  points: { owns: ['area'], local: { kind: 'rows', selection: true }, query: (ctx) => projectPointsQuery(ctx) },
  lines: { owns: ['area'], local: { kind: 'rows' }, query: (ctx) => projectLinesQuery(ctx) },
  ...Object.fromEntries(
    LIST_DIMENSIONS.map((dim) => [
      `counts:${dim}`,
      { owns: [dim], local: { kind: 'counts', column: dim }, query: (ctx) => facetCountsQuery(ctx, dim) } satisfies View
    ])
  ),
  kpis: { local: { kind: 'metrics', metrics: PAGE_METRICS }, query: (ctx) => levelMetrics(ctx, 'programme', PAGE_METRICS) },
  ...Object.fromEntries(LIST_DIMENSIONS.map((dim) => [`metrics:${dim}`, metricsBy([dim], dim === 'district' ? ['district'] : [])])),
  'metrics:phase,rag': metricsBy(['phase', 'rag']),
  'metrics:unit,district': metricsBy(['unit', 'district'], ['unit']),
  'metrics:batch,size': metricsBy(['batch', 'size']),
  inputs: inputsBy([]),
  'inputs:phase': inputsBy(['phase']),
  'inputs:unit,rag': inputsBy(['unit', 'rag'], ['rag'])
};

interface Side {
  core: QueryCore;
  latest: Record<string, Record<string, unknown>[]>;
  /** SQL the core sent to the database. */
  asked: string[];
}

function setUp(localLimit: number, internal: boolean): Side {
  const asked: string[] = [];
  const connector: Connector = {
    async query(req: { type: string; sql: string }) {
      asked.push(req.sql);
      return engine.connector.query(req as never);
    }
  } as Connector;
  const core = createQueryCore({
    connector,
    month: MONTHS.at(-1)!,
    preset: PARITY_PRESET,
    logger: null,
    localLimit,
    localSliceKeys: 64,
    internal
  });
  cores.push(core);
  const latest: Side['latest'] = {};
  for (const [name, spec] of Object.entries(VIEWS)) {
    core.client({
      ...spec,
      result: (t: Table) => (latest[name] = t.toArray() as Record<string, unknown>[]),
      error: (e) => (latest[name] = [{ error: String(e) }])
    });
  }
  return { core, latest, asked };
}

/** Waits until the core has no request outstanding (polling its state, never a fixed sleep). */
async function settled(core: QueryCore): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await core.coordinator.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    await core.selection.pending('value');
    if (core.coordinator.outstanding === 0) return;
  }
  throw new Error('the query core did not settle');
}

interface Change {
  month?: string;
  filters?: FilterState;
  scope?: Partial<FilterState>;
}

/** Two cores given the same changes (`internal` false: a public build's); `check` compares every view. */
async function pair(internal = true) {
  const db = setUp(0, internal);
  const page = setUp(50_000, internal);
  await Promise.all([settled(db.core), settled(page.core)]);
  expect(await db.core.localReady()).toBe(false);
  expect(await page.core.localReady()).toBe(true);
  await requery(page);
  let state: Required<Change> = { month: MONTHS.at(-1)!, filters: emptyFilters(), scope: {} };

  /** Asks every view of the page's core again (after a month change: the page now answers it). */
  async function requery(side: Side) {
    for (const client of side.core.coordinator.clients) client.requestQuery();
    await settled(side.core);
  }

  async function apply(change: Change, label: string) {
    state = { ...state, ...change };
    const monthChanged = change.month !== undefined && change.month !== db.core.month.key;
    page.asked.length = 0;
    for (const side of [db, page]) side.core.update(JSON.parse(JSON.stringify(change)));
    await Promise.all([settled(db.core), settled(page.core)]);
    if (monthChanged) {
      // The page answers the new month once its index is in; until then the database did.
      check(`${label} (answered by the database before the month's index)`);
      expect(await page.core.localReady(), `${label}: the page's index of ${state.month}`).toBe(true);
      page.asked.length = 0;
      await requery(page);
    }
    // Every view was answered in the page: nothing was asked of the database.
    expect(page.asked, `${label}: the page core asked the database`).toEqual([]);
    check(label);
  }

  function check(label: string) {
    const where = `seed ${SEED}${internal ? '' : ' (public build)'}, ${label}\nmonth ${state.month}\nfilters ${JSON.stringify(state.filters)}\nscope ${JSON.stringify(state.scope)}`;
    for (const name of Object.keys(VIEWS)) {
      const [a, b] = [page.latest[name], db.latest[name]];
      expect(b, `${where}\nview ${name}: no answer`).toBeDefined();
      expect(b[0] && 'error' in b[0] ? b : null, `${where}\nview ${name}: the database failed`).toBeNull();
      expect(a, `${where}\nview ${name}: page ≠ DuckDB`).toEqual(b);
    }
  }

  check('the first answers');
  /** Projects the page's programme KPIs count now. */
  const selected = () => Number(page.latest.kpis[0].projects);
  return { db, page, apply, selected, state: () => state };
}

/**
 * Draws `steps` changes from the registry and applies each to both cores (pair() compares every
 * view after each): mostly one or two dimensions changed, sometimes a whole new state or none,
 * a month change or a new route scope. Returns how many states selected none, some or all.
 */
async function walk({ apply, selected }: Awaited<ReturnType<typeof pair>>, d: Draw, steps: number) {
  const values = dataValues(fixture);
  const all = selected();
  let filters = emptyFilters();
  const seen = { none: 0, some: 0, all: 0, months: 0, scopes: 0, areas: 0, needles: 0 };
  for (let step = 1; step <= steps; step++) {
    const change: Change = {};
    const r = d.next();
    if (r < 0.05) filters = emptyFilters();
    else if (r < 0.2) filters = drawFilters(d, fixture, values);
    else {
      // One or two dimensions changed, the area and the search more often than a list.
      filters = { ...filters };
      for (let k = d.int(1, 2); k > 0; k--) {
        const dim = d.pick(WEIGHTED_DIMS);
        (filters as Record<string, unknown>)[dim] = drawDimension(d, fixture, dim, values, dim === 'area' ? 0.25 : dim === 'q' ? 0.5 : 0.7);
      }
    }
    change.filters = filters;
    if (d.chance(0.12)) {
      change.month = d.pick(MONTHS);
      seen.months++;
    }
    if (d.chance(0.15)) {
      change.scope = drawScope(d, fixture, values);
      seen.scopes++;
    }
    if (filters.area) seen.areas++;
    if (filters.q.trim()) seen.needles++;
    await apply(change, `step ${step} of ${steps}`);
    const n = selected();
    seen[n === 0 ? 'none' : n >= all ? 'all' : 'some']++;
  }
  return seen;
}

// ---- tests ----

describe("the page's answers on the parity fixture", () => {
  it('reach the branches: unscheduled projects, NULL units and RAG, exits, points sharing coordinates', async () => {
    const { page, apply, selected } = await pair();
    const unscheduled = fixture.monthly.filter((m) => m.planned_ytd === null).length;
    expect(unscheduled).toBeGreaterThan(20);
    const nullGroup = (view: string) => page.latest[view].find((r) => r.value === null)?.projects;
    expect(nullGroup('counts:unit')).toBeGreaterThan(0);
    expect(nullGroup('counts:rag')).toBeGreaterThan(0);
    const inputs = page.latest.inputs[0];
    expect(inputs.unscheduled).toBeGreaterThan(0);
    expect(inputs.scheduled).toBeGreaterThan(0);
    // Some projects left the plan by June, others are in the plan in April only.
    const all = selected();
    expect(all).toBeLessThan(fixture.projects.length);
    await apply({ month: MONTHS[0] }, 'April');
    expect(selected()).toBeGreaterThan(all);
    expect(page.latest.lines.length).toBeGreaterThan(10);
  });

  it("give DuckDB's answers on the edges: box edges, lasso vertices and horizontal edges, upper-case needles, NULL sums", async () => {
    const { apply, selected } = await pair();
    const d = new Draw(prng(SEED + 1));
    // Projects in the plan (those on the map in June), several on a shared latitude first.
    const onMap = (await engine.rows(`SELECT lon, lat FROM projects WHERE exited_on IS NULL OR exited_on > DATE '2022-06-30'`)) as {
      lon: number;
      lat: number;
    }[];
    const byLat = new Map<number, number>();
    for (const p of onMap) byLat.set(p.lat, (byLat.get(p.lat) ?? 0) + 1);
    const shared = onMap.filter((p) => byLat.get(p.lat)! > 1);
    const targets = [...shared.slice(0, 3), ...d.shuffle([...onMap]).slice(0, 3)];
    const latin =
      fixture.names.find((n) => /[a-z]/.test(n) && /（[^）]*[A-Z]/.test(n)) ?? fixture.names.find((n) => /（[^）]*[A-Z]/.test(n))!;
    const f = (part: Partial<FilterState>): FilterState => ({ ...emptyFilters(), ...part });
    const box = (bounds: [number, number, number, number]): Partial<FilterState> => ({ area: { type: 'box', bounds } });
    const lasso = (ring: Ring): Partial<FilterState> => ({ area: { type: 'lasso', ring } });
    /** [label, change, whether the project it is built round is selected (by both engines, the test then checks)]. */
    const cases: [string, Change, boolean | null][] = [];
    for (const [i, { lon: x, lat: y }] of targets.entries()) {
      const w = 0.03;
      cases.push(
        [`box: a project on the west edge (${i})`, { filters: f(box([x, y - w, x + w, y + w])) }, true],
        [`box: on the east edge, corners swapped (${i})`, { filters: f(box([x, y + w, x - w, y - w])) }, true],
        [`box: on the south edge (${i})`, { filters: f(box([x - w, y, x + w, y + w])) }, true],
        [`box: on the north-east corner (${i})`, { filters: f(box([x - w, y - w, x, y])) }, true],
        [`box: a box of one point (${i})`, { filters: f(box([x, y, x, y])) }, true],
        [
          `lasso: a project on the bottom horizontal edge (${i})`,
          {
            filters: f(
              lasso([
                [x - w, y],
                [x + w, y],
                [x + w / 3, y + w]
              ])
            )
          },
          true
        ],
        [
          `lasso: on the top horizontal edge (${i})`,
          {
            filters: f(
              lasso([
                [x - w, y],
                [x + w, y],
                [x, y - w],
                [x - w, y]
              ])
            )
          },
          null
        ],
        [
          `lasso: a project on a vertex (${i})`,
          {
            filters: f(
              lasso([
                [x, y],
                [x + w, y + w / 2],
                [x - w / 2, y + w]
              ])
            )
          },
          null
        ],
        [
          `lasso: on a vertex between horizontal edges (${i})`,
          {
            filters: f(
              lasso([
                [x - w, y],
                [x, y],
                [x + w, y],
                [x + w, y - w],
                [x - w, y - w]
              ])
            )
          },
          null
        ],
        [`scope: a box with a project on its corner (${i})`, { scope: box([x, y, x + w, y + w]), filters: f({}) }, true]
      );
    }
    const needle = latin.match(/[A-Za-z]+/)![0];
    const bracketed = latin.slice(latin.indexOf('（'), latin.indexOf('）') + 1);
    cases.push(
      [`needle in upper case: ${needle.toUpperCase()}`, { filters: f({ q: needle.toUpperCase() }) }, true],
      [`needle with full-width brackets, mixed case: ${bracketed}`, { filters: f({ q: ` ${mixCase(d, bracketed)} ` }) }, true],
      ['needle of full-width capitals', { filters: f({ q: 'ＡＢ栋' }) }, true],
      ['only preparatory projects (annual input NULL)', { filters: f({ phase: ['preparatory'] }) }, true],
      ['preparatory, in April', { month: MONTHS[0], filters: f({ phase: ['preparatory'], sector: ['industry', 'ecology'] }) }, true],
      ["green projects (the unit facet's NULL group)", { filters: f({ rag: ['green'] }) }, true],
      ['a unit with an apostrophe, in May', { month: MONTHS[1], filters: f({ unit: ["O'Neil咨询 (BIM) 中心", 'CITIC城投'] }) }, true],
      ['a value not in the data', { filters: f({ district: ['999999'], batch: ['supplement-2'] }) }, false],
      ['back to June, cleared', { month: MONTHS[2], filters: emptyFilters() }, true]
    );
    for (const [label, change, selects] of cases) {
      await apply({ scope: {}, ...change }, label);
      if (selects !== null) expect(selected() > 0, `${label}: selects the project it is built round`).toBe(selects);
    }
  });

  // Its own time limit: 150 steps over every list dimension take about the global minute on two shared cores.
  it(`give DuckDB's answers for ${STEPS} random filter states, month changes and scopes (seed ${SEED})`, async () => {
    const seen = await walk(await pair(), new Draw(prng(SEED)), STEPS);
    console.info(`parity property, seed ${SEED}:`, JSON.stringify(seen));
    // Not vacuous: most states select some of the projects.
    expect(seen.some).toBeGreaterThan(STEPS / 4);
    expect(seen.months).toBeGreaterThan(0);
    expect(seen.scopes).toBeGreaterThan(0);
  }, 180_000);

  it(`give DuckDB's answers in a public build (internal metrics NULL) for ${Math.ceil(STEPS / 4)} random changes`, async () => {
    const sides = await pair(false);
    expect(sides.page.latest.kpis[0].gap_points).toBeNull();
    const seen = await walk(sides, new Draw(prng(SEED + 2)), Math.ceil(STEPS / 4));
    expect(seen.some).toBeGreaterThan(0);
  });

  /**
   * A known disagreement, found by this test's first drafts with such names: the page lowers the
   * needle with String.prototype.toLowerCase, DuckDB with lower() (both for name_lower and in the
   * SQL predicate), and they differ for a few letters: 'İ' is 'i̇' (two code points) in
   * JavaScript and 'i' in DuckDB; a final 'Σ' is 'ς' in JavaScript and 'σ' in DuckDB. When it is
   * fixed this test fails: make it an `it`.
   */
  it('agree on needles whose lower case differs between DuckDB and JavaScript (İ, final Σ)', async () => {
    const project = fixture.projects.find((p) => p.exited_on === null)!;
    const exec = (sql: string) => engine.connector.query({ type: 'exec', sql } as never);
    await exec(`UPDATE projects SET name = 'İzmir ΟΔΟΣ路' WHERE id = '${project.id}'`);
    try {
      const { apply } = await pair();
      await apply({ filters: { ...emptyFilters(), q: 'ΟΔΟΣ' } }, 'a needle ending in Σ');
      await apply({ filters: { ...emptyFilters(), q: 'İzmir' } }, 'a needle with İ');
    } finally {
      await exec(`UPDATE projects SET name = '${String(project.name).replaceAll("'", "''")}' WHERE id = '${project.id}'`);
    }
  });
});
