/**
 * One workspace per loaded dataset, created by the app's layout and shared by every page: the
 * dataset, the one query core (its month, filters and scope, its page-side answers and cache),
 * and the one bridge between that state and the URL. Moving between pages keeps all of it; a
 * page keeps only its own UI state, which it writes to the URL through `attachPage`.
 */
import { asyncDuckDBConnector } from '../db/connector.ts';
import { connectData } from '../db/data-database.ts';
import { createQueryCore, type Prefetch, type QueryCore } from '../db/coordinator.ts';
import type { AsyncDuckDB } from '../db/duckdb.ts';
import { EngineOnDemand } from '../db/engine-on-demand.ts';
import type { LoadedDataset } from '../db/load-dataset.ts';
import type { PreviewColumns } from '../db/preview-points.ts';
import { keepUnchanged, type FilterDimension, type FilterState } from '../state/dimensions.ts';
import type { UrlNotice } from '../state/url-state.ts';
import { districtNames, type DistrictNames } from '../views/value-labels.ts';
import { playbackAxis } from '../playback/axis.ts';
import { Playhead } from '../playback/playhead.svelte.ts';
import { pageOf } from './pages.ts';
import { userMessage } from '../db/errors.ts';
import { asOfMonth, datasetMonths, readSharedState, sharedParams, type SharedState } from './url-bridge.ts';
import { whenBrowserIdle } from './browser-idle.ts';

export interface WorkspaceOptions {
  dataset: LoadedDataset;
  datasetId: string;
  /**
   * The database: the dataset's engine, started when a view first needs SQL (the browser), or
   * one already there or on its way (Node, tests). Queries wait for it.
   */
  db: AsyncDuckDB | PromiseLike<AsyncDuckDB>;
  /** The URL the app was opened at (its shared state, and its page's route scope, are applied at once). */
  url: URL;
  /** The app's base path (routes are found relative to it); '' at the root. */
  base?: string;
  /** Projects in the dataset (data/index.json), when known: how much a page may load at once. */
  projects?: number | null;
  /** For tests and Node: the core to use instead of one on `db`. */
  core?: QueryCore;
  /** No month of the dataset can be shown (the as-of month's facts cannot be read): the error screen. */
  onfatal?: (err: unknown) => void;
}

/** The playhead over the dataset's programme years (playback/axis.ts), or null when its months are not on them. */
function makePlayhead(meta: LoadedDataset['meta']): Playhead | null {
  try {
    return new Playhead(playbackAxis(meta.years ?? [meta.year], datasetMonths(meta)));
  } catch {
    return null;
  }
}

export class Workspace {
  readonly dataset: LoadedDataset;
  readonly datasetId: string;
  readonly core: QueryCore;
  /**
   * The database the core queries (a page that needs a connection of its own opens it here: the
   * SQL console). Awaiting it starts the engine if nothing has yet.
   */
  readonly db: EngineOnDemand;
  readonly internal: boolean;
  /** The dataset's months, oldest first (meta.json `facts_months`): the only ones a page may show. */
  readonly months: readonly string[];
  readonly asOf: string;
  /** District names by admin code (value-labels.ts). */
  readonly districtNames: DistrictNames;
  /** Projects in the dataset (data/index.json); null when not known. */
  readonly projects: number | null;
  /**
   * The one playhead of every page (the map's playback, the milestones' today line), in the URL as
   * `at` while taken; null when the dataset's months are not on its programme's years.
   */
  readonly playhead: Playhead | null;
  readonly #base: string;
  /** The route path (relative to the base) of the URL last applied. */
  #path: string;
  /**
   * The filters: a plain object replaced on every change, never changed in place, that keeps the
   * value of each dimension that did not change (keepUnchanged). Raw, so reading them (every bar's
   * and link's href, on every change) costs no proxy and no snapshot, and a view that reads one
   * dimension is not redrawn when another changes.
   */
  filters = $state.raw<FilterState>(null!);
  month = $state('');
  /** Clients with a query under way, on every page (the loading indication). */
  pending = $state(0);
  /** What in the URL could not be used (shown by the shell), from the latest navigation. */
  notices = $state<UrlNotice[]>([]);
  /** The first paint's points while the engine starts (db/preview-points.ts); the map lets go of them. */
  preview = $state.raw<PreviewColumns | null>(null);
  /** The engine has started: views that need SQL answer (until then they say they wait, views/EngineWait.svelte). */
  engineIn = $state(false);
  /** Months whose facts could not be read (the month menu says so); choosing one again tries again. */
  unreadableMonths = $state<string[]>([]);
  /** Months shown, least recently first: where to go back to when a month cannot be read. */
  #visited: string[] = [];
  #onfatal: (err: unknown) => void;
  #page: { path: string; params: () => URLSearchParams } | null = null;
  /** Each page's own parameters when it was last left, so the navigation returns to it as it was. */
  #pageParams = new Map<string, string>();
  /** Bumped when a page's remembered parameters change, so links made from them are made again. */
  #pageParamsVersion = $state(0);
  /** The dataset goes into the URL only when it came from it (the layout reloads on a change of ?ds). */
  #writeDs: boolean;
  #urlWrite = 0;
  #navigated = false;
  #destroyed = false;
  #unsubscribe: (() => void)[] = [];

  constructor(options: WorkspaceOptions) {
    const { dataset, datasetId, url } = options;
    this.dataset = dataset;
    this.datasetId = datasetId;
    this.db = EngineOnDemand.of(options.db);
    this.db.started.then(
      () => (this.engineIn = true),
      () => undefined
    );
    this.internal = !dataset.meta.public;
    this.months = datasetMonths(dataset.meta);
    this.asOf = asOfMonth(dataset.meta);
    this.districtNames = districtNames(dataset.districts);
    this.projects = options.projects ?? null;
    this.#base = options.base ?? '';
    this.#path = this.#pathOf(url);
    this.#writeDs = url.searchParams.has('ds');
    this.#onfatal = options.onfatal ?? ((err) => console.error(err));
    const { state, notices } = readSharedState(url.searchParams, dataset);
    this.notices = notices;
    this.core =
      options.core ??
      createQueryCore({
        connector: asyncDuckDBConnector(this.db, connectData),
        month: state.month ?? this.asOf,
        preset: dataset.meta.rule_preset,
        internal: this.internal,
        loadFacts: dataset.loadFacts,
        loadTable: dataset.loadTable,
        factsChunks: dataset.factsChunks,
        pageTable: dataset.pageTable,
        engine: this.db
      });
    this.core.update({ month: state.month ?? this.asOf, filters: state.filters, scope: this.#scopeOf(url) });
    this.filters = this.core.filters;
    this.month = this.core.month.key;
    this.#visit(this.month);
    this.playhead = makePlayhead(dataset.meta);
    if (state.at) this.playhead?.engage(state.at);
    if (this.playhead)
      this.#unsubscribe.push(
        this.playhead.listen(() => this.writeUrl()),
        () => this.playhead?.destroy()
      );
    this.#unsubscribe.push(
      this.core.onChange((s) => {
        this.filters = keepUnchanged(this.filters, s.filters);
        this.month = s.month.key;
        this.#visit(this.month);
        this.writeUrl();
      }),
      this.core.onPending((n) => (this.pending = n)),
      this.core.onFactsError((month, err) => this.#monthUnreadable(month.key, err))
    );
  }

  #visit(month: string): void {
    this.#visited = [...this.#visited.filter((m) => m !== month), month];
  }

  /**
   * The facts of a month cannot be read (a file missing or damaged). The page stays on the month
   * it showed before (a deep link: the as-of month) and says which month is unavailable and why;
   * only when no month can be shown is it the error screen. Another month a view reads (the month
   * before) leaves that view without its figures.
   */
  #monthUnreadable(month: string, err: unknown): void {
    if (!this.unreadableMonths.includes(month)) this.unreadableMonths = [...this.unreadableMonths, month];
    if (this.#destroyed || month !== this.core.month.key) return;
    const back = [...[...this.#visited].reverse(), this.asOf].find((m) => !this.unreadableMonths.includes(m));
    if (!back) return this.#onfatal(err);
    this.notices = [...this.notices, { key: 'notice.monthUnreadable', params: { month, shown: back }, cause: userMessage(err) }];
    this.core.setMonth(back);
  }

  setFilter<D extends FilterDimension>(dim: D, value: FilterState[D]): void {
    this.core.setFilter(dim, $state.snapshot(value) as FilterState[D]);
  }

  /** Adds or removes one value of a list dimension. */
  toggle(dim: FilterDimension, value: string): void {
    const current = this.filters[dim] as string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    this.setFilter(dim, next as never);
  }

  setMonth(month: string): void {
    if (!this.months.includes(month)) return;
    this.unreadableMonths = this.unreadableMonths.filter((m) => m !== month);
    this.core.setMonth(month);
  }

  clearFilters(): void {
    this.core.clearFilters();
  }

  /** The shared state (dataset, month, filters) as it goes into the URL. */
  get shared(): SharedState {
    return {
      ds: this.#writeDs ? this.datasetId : null,
      month: this.month === this.asOf ? null : this.month,
      filters: this.filters,
      at: this.playhead?.engaged ? this.playhead.month : null
    };
  }

  /**
   * Applies the shared state of a URL navigated to (a link, the back button), and the route scope
   * of its page (none for most pages), in one change: the core changes only if it differs.
   * Notices are those of this URL.
   */
  applyUrl(url: URL): void {
    const { state, notices } = readSharedState(url.searchParams, this.dataset);
    this.notices = notices;
    const scope = this.#scopeOf(url);
    // Another page, or the same page for another district: the views shown now are about to be
    // replaced, and asking them again would only hold up the new page's first queries.
    const replaced = this.#pathOf(url) !== this.#path || JSON.stringify(scope) !== JSON.stringify(this.core.scope);
    this.#path = this.#pathOf(url);
    if (state.at) this.playhead?.engage(state.at);
    else this.playhead?.release();
    this.core.update({ month: state.month ?? this.asOf, filters: state.filters, scope }, { requery: !replaced });
  }

  #pathOf(url: URL): string {
    return url.pathname.startsWith(this.#base) ? url.pathname.slice(this.#base.length) || '/' : url.pathname;
  }

  /** The route scope of the page a URL shows (pages.ts `scope`), `{}` for a page without one. */
  #scopeOf(url: URL): Partial<FilterState> {
    return pageOf(this.#pathOf(url))?.scope?.(url.searchParams, this) ?? {};
  }

  /**
   * The page shown says how to write its own parameters (colour mode, sort …); the returned
   * function detaches it (when the page goes, its parameters are remembered for the navigation).
   */
  attachPage(path: string, params: () => URLSearchParams): () => void {
    const page = { path, params };
    this.#page = page;
    return () => {
      this.#navigated = true;
      if (this.#page !== page) return;
      this.#pageParams.set(path, params().toString());
      this.#pageParamsVersion++;
      this.#page = null;
    };
  }

  /**
   * A link to a page (path relative to the app, e.g. '/overview/') with the shared state, and that
   * page's own parameters as it was last left unless `params` are given. `filters` replace the
   * current ones (a table cell's link to its projects on the map).
   */
  href(path: string, options: { params?: URLSearchParams; filters?: Partial<FilterState>; month?: string } = {}): string {
    const shared = this.shared;
    if (options.filters) shared.filters = { ...shared.filters, ...options.filters };
    if (options.month) shared.month = options.month === this.asOf ? null : options.month;
    void this.#pageParamsVersion;
    const own = options.params ?? new URLSearchParams(this.#pageParams.get(path) ?? '');
    const query = sharedParams(shared, own).toString();
    return `${path}${query ? `?${query}` : ''}`;
  }

  /** A page has been left: the page shown now was opened within the app, its data at hand. */
  get navigated(): boolean {
    return this.#navigated;
  }

  /**
   * Resolves once every view has its latest data and the browser is idle after showing it, or
   * after `atMost` ms: what the map's WebGL work waits for on a page opened within the app (on the
   * first page the map draws the first paint). Idle, not only the queries answered: answered in
   * the page, they are in before the views have drawn them, and the maps' WebGL (the old one's
   * release, the new one's shaders: 0.15–0.3 s in software rendering, CPU profile of a district
   * click at 1k) then held the district page's figures back.
   */
  settled(atMost: number): Promise<void> {
    // Twice: a page just opened asks its views' queries an animation frame later, so the first
    // moment of rest can come before they are asked.
    const rest = () => this.core.coordinator.whenIdle().then(() => new Promise<void>((r) => whenBrowserIdle(r)));
    return Promise.race([rest().then(rest), new Promise<void>((r) => setTimeout(r, atMost))]);
  }

  /** Loads ahead what a page will need (its months and tables), behind the current page's queries. */
  prefetch(what: Prefetch): void {
    this.core.prefetch(what).catch(() => undefined);
  }

  /**
   * Writes the shared state and the page's own parameters to the address bar, without a history
   * entry, once the views have their data: history.replaceState costs 7–10 ms of main thread
   * here (CPU profile, npm run bench), and written while a change's queries run it delays taking
   * their results in. A newer call replaces a pending one.
   */
  writeUrl(): void {
    if (typeof window === 'undefined') return;
    const write = ++this.#urlWrite;
    this.core.coordinator.whenIdle().then(() =>
      setTimeout(() => {
        if (write === this.#urlWrite && !this.#destroyed) this.#writeUrlNow();
      }, 0)
    );
  }

  #writeUrlNow(): void {
    const own = this.#page?.params() ?? new URLSearchParams();
    const params = sharedParams(this.shared, own);
    if (new URLSearchParams(location.search).has('test')) params.set('test', '');
    const url = new URL(location.href);
    url.search = params.toString().replace(/test=(&|$)/, 'test$1');
    // The browser's own replaceState, keeping SvelteKit's history state: the router's
    // replaceState is shallow routing, and the back button would return to the URL the page was
    // opened at instead of the one written here.
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  }

  destroy(): void {
    this.#destroyed = true;
    for (const off of this.#unsubscribe) off();
    this.core.destroy();
  }
}
