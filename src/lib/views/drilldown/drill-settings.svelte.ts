/**
 * A district or sector page's own state, kept in its URL beside the shared state: which district or
 * sector (`d` / `s`, the route scope), the path that led there (`via`), how its project list is
 * ranked (`rank`) and its map's choices (map-settings.svelte.ts: colour, size, shading, the open
 * project, the map's position).
 */
import { DEFAULT_RANKING, RANKINGS, type Ranking } from '../../queries/drilldown.ts';
import { drillParams, parseDrillPath, readDrillKey, type DrillKind, type DrillPath, type DrillTarget } from '../../state/drill.ts';
import { parseChoice, type UrlNotice } from '../../state/url-state.ts';
import { MapSettings } from '../map/map-settings.svelte.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import type { Here } from './links.ts';

export { DEFAULT_RANKING };

export class DrillSettings {
  readonly kind: DrillKind;
  /** The district or sector shown; null when the URL names none the dataset knows. */
  readonly target: DrillTarget | null;
  /** The key the URL gave, as given (to say which one is unknown). */
  readonly asked: string | null;
  readonly path: DrillPath;
  ranking = $state<Ranking>(DEFAULT_RANKING);
  readonly map: MapSettings;
  readonly #ws: Workspace;

  constructor(ws: Workspace, kind: DrillKind, params: URLSearchParams) {
    this.#ws = ws;
    this.kind = kind;
    const key = readDrillKey(kind, params, ws.districtNames);
    this.target = key === null ? null : { kind, key };
    this.asked = params.get(kind === 'district' ? 'd' : 's');
    this.path = parseDrillPath(params.get('via'), ws.districtNames);
    const notices: UrlNotice[] = [];
    this.ranking = parseChoice(params, 'rank', RANKINGS, notices) ?? DEFAULT_RANKING;
    if (notices.length) ws.notices = [...ws.notices, ...notices];
    this.map = new MapSettings(ws, params);
  }

  /** Where links from this page are made. */
  get here(): Here {
    return { path: this.path, current: this.target };
  }

  /** The page's own parameters; defaults are left out. */
  params(): URLSearchParams {
    const p = this.target ? drillParams(this.target, this.path) : new URLSearchParams();
    if (this.ranking !== DEFAULT_RANKING) p.set('rank', this.ranking);
    for (const [k, v] of this.map.params()) p.set(k, v);
    return p;
  }

  setRanking(ranking: Ranking): void {
    this.ranking = ranking;
    this.#ws.writeUrl();
  }
}
