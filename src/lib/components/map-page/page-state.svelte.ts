/**
 * The map page's state: the query core for the loaded dataset (filters, month) and the page's
 * own choices (colour, size, view, open project, basemap, choropleth), all mirrored in the URL.
 */
import { replaceState } from '$app/navigation';
import { asyncDuckDBConnector } from '../../db/connector.ts';
import { connectData } from '../../db/data-database.ts';
import { createQueryCore, type QueryCore } from '../../db/coordinator.ts';
import type { AsyncDuckDB } from '../../db/duckdb.ts';
import type { LoadedDataset } from '../../db/load-dataset.ts';
import { parseMonth } from '../../metrics/month.ts';
import { emptyFilters, type FilterDimension, type FilterState } from '../../state/filters.ts';
import { parseUrlState, serialiseUrlState, type UrlNotice } from '../../state/url-state.ts';
import type { ColorMode, SizeMode } from '../../map/project-points.ts';
import type { PreviewColumns } from '../../db/preview-points.ts';

export type PageView = 'map' | 'table';
export const MAP_COLOR_MODES: readonly ColorMode[] = ['phase', 'rag'];
export const MAP_SIZE_MODES: readonly SizeMode[] = ['total', 'annual', 'completed', 'uniform'];
export const CHOROPLETH_METRICS = ['none', 'projects', 'total_investment', 'annual_plan', 'completion_rate', 'gap_points'] as const;
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number];

export class MapPageState {
  readonly core: QueryCore;
  readonly dataset: LoadedDataset;
  readonly datasetId: string;
  readonly internal: boolean;
  filters = $state<FilterState>(emptyFilters());
  month = $state('');
  color = $state<ColorMode>('phase');
  size = $state<SizeMode>('total');
  view = $state<PageView>('map');
  project = $state<string | null>(null);
  basemap = $state('offline');
  choropleth = $state<ChoroplethMetric>('none');
  map = $state<{ lon: number; lat: number; zoom: number } | null>(null);
  notices = $state<UrlNotice[]>([]);
  /** Clients with a query under way (the loading indication). */
  pending = $state(0);
  /** Where the map's points come from: the projects file (first paint) or the query core. */
  pointsFrom = $state<'none' | 'preview' | 'core'>('none');
  /** The first paint's points while the database loads (db/preview-points.ts); then null. */
  preview = $state.raw<PreviewColumns | null>(null);
  #unsubscribe: () => void;
  /** The dataset goes into the URL only when it came from it (the layout reloads on a change of ?ds). */
  #writeDs: boolean;

  /** `db` may still be loading the dataset's tables: queries wait for it. */
  constructor(db: AsyncDuckDB | Promise<AsyncDuckDB>, dataset: LoadedDataset, datasetId: string, params: URLSearchParams) {
    this.dataset = dataset;
    this.datasetId = datasetId;
    this.#writeDs = params.has('ds');
    this.internal = !dataset.meta.public;
    const asOf = parseMonth(dataset.meta.as_of)!;
    const { state, notices } = parseUrlState(params, {
      districts: dataset.districts.features.map((f) => f.properties.code),
      asOf: asOf.key,
      years: dataset.meta.years ?? [dataset.meta.year]
    });
    this.notices = notices;
    this.month = state.month ?? asOf.key;
    this.color = (MAP_COLOR_MODES as string[]).includes(state.color ?? '') ? (state.color as ColorMode) : 'phase';
    this.size = (MAP_SIZE_MODES as string[]).includes(state.size ?? '') ? (state.size as SizeMode) : 'total';
    this.view = state.view === 'table' ? 'table' : 'map';
    this.map = state.map;
    this.project = params.get('project');
    this.basemap = params.get('basemap') ?? 'offline';
    const choro = params.get('choropleth');
    this.choropleth = (CHOROPLETH_METRICS as readonly string[]).includes(choro ?? '') ? (choro as ChoroplethMetric) : 'none';
    this.core = createQueryCore({
      connector: asyncDuckDBConnector(db, connectData),
      month: this.month,
      preset: dataset.meta.rule_preset,
      internal: this.internal,
      loadFacts: dataset.loadFacts
    });
    this.core.update({ filters: state.filters });
    this.filters = this.core.filters;
    this.#unsubscribe = this.core.onChange((s) => {
      this.filters = s.filters;
      this.month = s.month.key;
      this.writeUrl();
    });
  }

  setFilter<D extends FilterDimension>(dim: D, value: FilterState[D]): void {
    this.core.setFilter(dim, $state.snapshot(value) as FilterState[D]);
  }

  /** Adds or removes one value of a list dimension. */
  toggle(dim: 'phase' | 'sector' | 'district' | 'rag', value: string): void {
    const current = this.filters[dim] as string[];
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    this.setFilter(dim, next as never);
  }

  setMonth(month: string): void {
    this.core.setMonth(month);
  }

  #urlWrite = 0;
  #destroyed = false;

  /**
   * Writes everything to the URL (no navigation, no history entry) once the views have their
   * data: history.replaceState costs 7–10 ms of main thread here (CPU profile, npm run bench),
   * and written while a change's queries run it delays taking their results in. A newer call
   * replaces a pending one.
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
    const p = serialiseUrlState({
      ds: this.#writeDs ? this.datasetId : null,
      month: this.month === parseMonth(this.dataset.meta.as_of)!.key ? null : this.month,
      view: this.view === 'map' ? null : this.view,
      color: this.color === 'phase' ? null : this.color,
      size: this.size === 'total' ? null : this.size,
      map: this.map,
      filters: $state.snapshot(this.filters) as FilterState
    });
    if (this.project) p.set('project', this.project);
    if (this.basemap !== 'offline') p.set('basemap', this.basemap);
    if (this.choropleth !== 'none') p.set('choropleth', this.choropleth);
    if (new URLSearchParams(location.search).has('test')) p.set('test', '');
    const url = new URL(location.href);
    url.search = p.toString().replace(/test=(&|$)/, 'test$1');
    if (url.href !== location.href) {
      try {
        replaceState(url, {});
      } catch {
        history.replaceState(history.state, '', url);
      }
    }
  }

  destroy(): void {
    this.#destroyed = true;
    this.#unsubscribe();
    this.core.destroy();
  }
}
