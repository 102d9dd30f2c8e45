/**
 * The pages that exist, in navigation order: a new page is a route plus an entry here. `prefetch`
 * says what the page will need beyond the month shown, loaded when the user points at its link;
 * `scope` is the route scope its URL gives (a district page: its district), applied together with
 * the URL's month and filters before the page's views make their first queries.
 */
import type { MessageKey } from '../i18n/messages.ts';
import type { Prefetch } from '../db/coordinator.ts';
import { previousMonth } from '../metrics/month.ts';
import { drillScope, readDrillKey, type DrillKind } from '../state/drill.ts';
import type { FilterState } from '../state/dimensions.ts';
import type { LoadableTable, TableName } from '../schema.ts';
import { MILESTONE_DATES_TABLE } from '../queries/milestones.ts';
import { seriesMonths } from '../views/drilldown/series.ts';
import { summaryScope } from '../views/drilldown/series-summary.ts';
import { DEFAULT_RANKING, openProblemsQuery, rankingQuery } from '../queries/drilldown.ts';
import { topRowsInPage } from '../db/local/top-rows.ts';
import type { WarmRows } from '../db/local/page-bases.ts';
import { rankingBaseInPage } from '../queries/ranking-in-page.ts';
import { openProblemsBaseInPage } from '../queries/open-problems-in-page.ts';
import type { QueryContext } from '../db/coordinator-client.ts';
import { whenBrowserIdle, type Idle } from './browser-idle.ts';
import { ENGINE_START, type EngineStart } from './engine-start.ts';
import type { Workspace } from './workspace.svelte.ts';

export interface PageEntry {
  /** Route path relative to the app's base, with the trailing slash every route has. */
  path: string;
  label: MessageKey;
  /** False for a page reached from the views (a district's page), not from the navigation. */
  menu?: boolean;
  prefetch?: (ws: Workspace) => Prefetch;
  /**
   * What a first click on the page's link would wait for and is cheap to hold (a table, row
   * views' bases; no months' facts), loaded once the page shown has its data (warmPages), as the
   * engine's start policy allows.
   */
  warm?: (ws: Workspace, engineStart?: EngineStart) => Prefetch;
  scope?: (params: URLSearchParams, ws: Workspace) => Partial<FilterState>;
}

/**
 * A district or sector page: its month series (the playback summary when the filters are of
 * districts and sectors only, else every month's facts) and the bases of its ranked lists (the
 * default ranking of projects, the open problems) answered in the page: made there from the month's
 * page rows and the problem ledger decoded there (no engine), or, when the page keeps no rows (a
 * large dataset, a month indexed by SQL), by their queries, after the ledger is in the database.
 * Warmed without the months: every month's facts cost seconds and memory above 100k projects.
 */
const drillBySummary = (ws: Workspace) => ws.internal && !!ws.dataset.loadPlaybackSummary && summaryScope(ws.filters, {}) !== null;

function warmDrill(ws: Workspace, engineStart: EngineStart = ENGINE_START): Prefetch {
  if (!ws.internal) return {};
  const ranking: WarmRows[] = topRowsInPage(ws.projects)
    ? [{ query: (ctx: QueryContext) => rankingQuery(ctx, DEFAULT_RANKING), fromPage: rankingBaseInPage(DEFAULT_RANKING) }]
    : [];
  const problems: WarmRows = {
    query: (ctx: QueryContext) => openProblemsQuery(ctx),
    fromPage: openProblemsBaseInPage,
    pageTables: ['problems'],
    tables: ['problems']
  };
  // Under 'idle' the ledger goes into the database as before: the engine is started anyway, and this
  // is what puts the month there ahead of a first need (a card, a sort). Under 'on-need', nothing.
  return { tables: (engineStart === 'idle' ? ['problems'] : []) as TableName[], rows: [...ranking, problems] };
}

function drillPage(kind: DrillKind, path: string, label: MessageKey): PageEntry {
  return {
    path,
    label,
    menu: false,
    warm: warmDrill,
    prefetch: (ws) => {
      const bySummary = drillBySummary(ws);
      if (bySummary) ws.dataset.loadPlaybackSummary!().catch(() => undefined);
      return { ...warmDrill(ws), months: bySummary ? [] : seriesMonths(ws.months, ws.month, ws.projects) };
    },
    scope: (params, ws) => {
      const key = readDrillKey(kind, params, ws.districtNames);
      return drillScope(key === null ? null : { kind, key });
    }
  };
}

export const PAGES: readonly PageEntry[] = [
  { path: '/', label: 'nav.map' },
  {
    path: '/overview/',
    label: 'nav.overview',
    // The change since last month reads the previous month's facts.
    prefetch: (ws) => ({ months: [previousMonth(ws.core.month)].filter((m) => m !== null && ws.months.includes(m.key)) as never })
  },
  drillPage('district', '/district/', 'nav.district'),
  drillPage('sector', '/sector/', 'nav.sector'),
  {
    path: '/compare/',
    label: 'nav.compare',
    menu: false,
    // An earlier month is its likeliest other side.
    prefetch: (ws) => ({ months: [previousMonth(ws.core.month)].filter((m) => m !== null && ws.months.includes(m.key)) as never })
  },
  {
    path: '/bulletin/',
    label: 'nav.bulletin',
    // The rank changes read the month before; the overdue problems, the problem ledger.
    prefetch: (ws) => ({
      months: [previousMonth(ws.core.month)].filter((m) => m !== null && ws.months.includes(m.key)) as never,
      tables: (ws.internal ? ['problems'] : []) as TableName[]
    })
  },
  // The league reads the ranking month and the period before; its client declares them when it is made.
  { path: '/league/', label: 'nav.league' },
  // The Gantt chart reads the projects' ids and dates (a column-projected read of the projects
  // file: ahead of time only while small); the changes read the month before and the problem ledger.
  {
    path: '/milestones/',
    label: 'nav.milestones',
    prefetch: (ws) => ({
      months: [previousMonth(ws.core.month)].filter((m) => m !== null && ws.months.includes(m.key)) as never,
      tables: [
        ...(ws.projects !== null && ws.projects <= 200_000 ? [MILESTONE_DATES_TABLE] : []),
        ...(ws.internal ? ['problems'] : [])
      ] as LoadableTable[]
    })
  },
  { path: '/data/', label: 'nav.data' },
  // The ledger reads the problem ledger whole (1.5 MB at 1M projects); a public dataset has none.
  { path: '/problems/', label: 'nav.problems', prefetch: (ws) => ({ tables: (ws.internal ? ['problems'] : []) as TableName[] }) },
  // The war room's big screen (views/war-room/): its scenes read the problems and the league's months as they come.
  { path: '/war-room/', label: 'nav.warRoom', menu: false },
  // The console loads a source table when a query reads it; nothing to load ahead.
  { path: '/sql/', label: 'nav.console' }
];

/** The pages the navigation lists. */
export const MENU_PAGES: readonly PageEntry[] = PAGES.filter((p) => p.menu !== false);

/** The page entry a pathname (relative to the base) belongs to. */
export function pageOf(path: string): PageEntry | undefined {
  const normal = path.endsWith('/') ? path : `${path}/`;
  return PAGES.find((p) => p.path === normal);
}

/** The pages a district's or sector's page is one click from: what that click waits for is warmed there. */
export const WARMED_FROM: readonly string[] = ['/', '/overview/'];

/**
 * Loads what a first click on a district's or sector's link would wait for (pages' `warm`: the
 * problem ledger, the month's bases of its ranked lists, the playback summary), behind the page's
 * own queries, one part at a time whenever the browser is idle and no filter has changed for a
 * moment (a part that reads the database: a moment after the month is in it, the engine started
 * as `engineStart` says: engine-start.ts): each part's decoding is a task of the main thread,
 * which a filter change meanwhile would wait for. Resolves once it is in (a part that cannot be
 * loaded is loaded on the click, as before).
 */
export async function warmPages(ws: Workspace, idle: Idle = whenBrowserIdle, engineStart: EngineStart = ENGINE_START): Promise<void> {
  let changed = performance.now();
  const off = ws.core.onChange(() => (changed = performance.now()));
  const quiet = async () => {
    for (;;) {
      await new Promise<void>((resolve) => idle(resolve));
      const left = changed + WARM_AFTER_MS - performance.now();
      if (left <= 0) return;
      await new Promise((resolve) => setTimeout(resolve, left));
    }
  };
  // A part that reads the database runs beside the month's insert if it goes when the filters
  // rest before the month is in (the problem ledger's load met the first filter changes): its
  // moment of rest is counted from the month in the database. Under 'idle' the engine is started
  // here once the user has rested; under 'on-need', something that needs SQL starts it.
  const engineIn = async () => {
    if (engineStart === 'idle' && !ws.db.demanded) {
      await quiet();
      ws.db.demand().catch(() => undefined);
    }
    await ws.db.started;
    // The ranked lists' bases are made in the page: no request of theirs puts the month there any more.
    if (engineStart === 'idle') ws.core.useDatabase();
    await ws.core.factsInDatabase();
  };
  let inDatabase = false;
  const part = async (load: () => Promise<unknown>, database: boolean) => {
    if (database && !inDatabase) {
      await engineIn().catch(() => undefined);
      inDatabase = true;
      changed = Math.max(changed, performance.now());
    }
    await quiet();
    await load().catch(() => undefined);
  };
  try {
    const warms = [...new Set(PAGES.map((page) => page.warm).filter((w) => w !== undefined))].map((warm) => warm(ws, engineStart));
    // First what the page makes itself (bases from its rows and the tables it decodes), then the
    // playback summary, then what reads the database: under 'on-need' that waits for the engine.
    const madeInPage = new Set<WarmRows>();
    for (const { rows = [] } of warms)
      for (const row of rows)
        if (typeof row !== 'function' && row.fromPage)
          await part(async () => {
            const [made] = await ws.core.prefetch({ rows: [{ ...row, pageOnly: true }] });
            if (made) madeInPage.add(row);
          }, false);
    // Whatever the filters now: they may be of districts and sectors only by the time of the click.
    if (ws.internal && ws.dataset.loadPlaybackSummary) await part(ws.dataset.loadPlaybackSummary, false);
    for (const { tables = [], rows = [] } of warms) {
      if (tables.length) await part(() => ws.core.prefetch({ tables }), true);
      // Under 'idle' these parts are what puts the month into the database ahead of a first need
      // (a base made in the page asks nothing more of it); under 'on-need' such a base is all the click needs.
      for (const query of rows)
        if (engineStart === 'idle' || !madeInPage.has(query)) await part(() => ws.core.prefetch({ rows: [query] }), true);
    }
  } finally {
    off();
  }
}

/** How long the filters and the month must have been left as they are before a part is warmed: the user is reading, not changing them. */
const WARM_AFTER_MS = 1_500;
