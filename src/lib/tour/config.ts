/**
 * The war room's tour as site configuration (static/config/war-room.json) and URL parameters.
 * The file is checked like the rule presets (rules/spec.ts): an unknown key or a wrong type is an
 * issue naming the key path, and a file with any issue is refused whole (the built-in tour runs,
 * and the screen says why). A scene names a view (`kind`) and the query core's state it shows:
 * filters, a district, the map's colouring; `districts` stands for one scene per district.
 */
import { PROBLEM_MARKINGS, type ProblemMarking } from '../map/problem-rings.ts';
import type { ColorMode } from '../map/project-points.ts';
import { bool, list, num, obj, oneOf, text, type SpecIssue } from '../rules/spec.ts';
import { LIST_DIMENSIONS, type ListDimension } from '../state/dimensions.ts';
import { CHOROPLETH_METRICS, MAP_COLOR_MODES, type ChoroplethMetric } from '../views/map/map-settings.svelte.ts';

/**
 * The views a scene can show. A new one (the playback's timeline, "what changed") is a kind here
 * plus its component in views/war-room/scene-views.ts.
 */
export const SCENE_KINDS = ['programme', 'districts', 'district', 'league', 'lagging', 'changes', 'problems'] as const;
export type SceneKind = (typeof SCENE_KINDS)[number];

export interface SceneConfig {
  kind: SceneKind;
  dwell_seconds?: number;
  /** Title shown instead of the kind's own, Chinese and English. */
  title?: { zh: string; en: string };
  /** Filters by list dimension (its id, as in state/dimensions.ts), e.g. { "rag": ["red"] }. */
  filters?: Partial<Record<ListDimension, string[]>>;
  /** `district` scenes: the district's admin code. */
  district?: string;
  color?: ColorMode;
  choropleth?: ChoroplethMetric;
  problems?: ProblemMarking;
}

export interface TourConfig {
  dwell_seconds: number;
  /** After the presenter's last key, the tour takes over again. */
  idle_resume_seconds: number;
  /** How often the server is asked whether its data changed (and whether it answers). */
  check_seconds: number;
  /** Longest wait between retries while the server does not answer. */
  retry_max_seconds: number;
  scenes: SceneConfig[];
}

const filtersSpec = obj({}, Object.fromEntries(LIST_DIMENSIONS.map((d) => [d, list(text(), { min: 1 })])));

const sceneSpec = obj(
  { kind: oneOf(SCENE_KINDS) },
  {
    dwell_seconds: num(1, 3600),
    title: obj({ zh: text(), en: text() }),
    filters: filtersSpec,
    district: text(/^[\w-]+$/, 'a district admin code'),
    color: oneOf(MAP_COLOR_MODES),
    choropleth: oneOf(CHOROPLETH_METRICS),
    problems: oneOf(PROBLEM_MARKINGS)
  }
);

const configSpec = obj(
  { scenes: list(sceneSpec, { min: 1, max: 200 }) },
  {
    _comment: text(),
    dwell_seconds: num(1, 3600),
    idle_resume_seconds: num(1, 86400),
    check_seconds: num(1, 86400),
    retry_max_seconds: num(1, 86400),
    paused: bool
  }
);

export const DEFAULT_TOUR: TourConfig = {
  dwell_seconds: 20,
  idle_resume_seconds: 60,
  check_seconds: 60,
  retry_max_seconds: 300,
  scenes: [
    { kind: 'programme', color: 'rag', choropleth: 'gap_points' },
    { kind: 'districts', dwell_seconds: 12, color: 'rag' },
    { kind: 'league', dwell_seconds: 25 },
    { kind: 'lagging', filters: { rag: ['red'] }, color: 'rag' },
    { kind: 'changes', color: 'rag' },
    { kind: 'problems', problems: 'level', color: 'phase' }
  ]
};

/** The file's tour, or the issues that refuse it (each naming its key path). */
export function parseTourConfig(json: unknown): { config: TourConfig; issues: SpecIssue[] } {
  const issues: SpecIssue[] = [];
  if (!configSpec.check(json, '', issues)) return { config: DEFAULT_TOUR, issues };
  const { _comment, paused, ...rest } = json as Record<string, unknown>;
  void _comment;
  void paused;
  return { config: { ...DEFAULT_TOUR, ...(rest as Partial<TourConfig>) }, issues };
}

/** One line per issue, as the screen and the console show it. */
export function describeIssue(issue: SpecIssue, file = 'config/war-room.json'): string {
  return `${file}: ${issue.path || '(top)'}: ${issue.message}; allowed: ${issue.allowed}`;
}

/** What the war room's URL may say about the tour (besides the shared dataset, month and filters). */
export interface TourUrl {
  /** `screen=wall`: the app's header is hidden, the type is sized for a video wall. */
  wall: boolean;
  /** `dwell=8`: every scene's dwell time, seconds (a test's short tour, a rehearsal). */
  dwell: number | null;
  /** `idle=30`: seconds after the presenter's last key before the tour takes over. */
  idle: number | null;
  /** `check=10`: seconds between asking the server whether its data changed. */
  check: number | null;
  /** `retry=20`: the longest wait between retries while the server does not answer. */
  retry: number | null;
  /** `scenes=programme,league`: only these kinds, in this order. */
  scenes: SceneKind[] | null;
  /** `scene=3`: the scene (1-based) the tour starts at. */
  start: number | null;
  /** `lang=en` / `lang=zh`: the screen's language. */
  lang: 'zh-CN' | 'en' | null;
}

export const TOUR_PARAMS = ['screen', 'dwell', 'idle', 'check', 'retry', 'scenes', 'scene', 'lang'] as const;

/** Reads the tour's URL parameters; each one that cannot be used is a message naming it. */
export function parseTourUrl(params: URLSearchParams): { url: TourUrl; problems: string[] } {
  const problems: string[] = [];
  const seconds = (name: string, max: number): number | null => {
    const raw = params.get(name);
    if (raw === null) return null;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v < 0.2 || v > max) {
      problems.push(`${name}=${raw}: a number of seconds from 0.2 to ${max}`);
      return null;
    }
    return v;
  };
  let scenes: SceneKind[] | null = null;
  const rawScenes = params.get('scenes');
  if (rawScenes !== null) {
    const kinds = rawScenes.split(',').filter(Boolean);
    const bad = kinds.filter((k) => !(SCENE_KINDS as readonly string[]).includes(k));
    if (bad.length || kinds.length === 0) problems.push(`scenes=${rawScenes}: a list of ${SCENE_KINDS.join(', ')}`);
    else scenes = kinds as SceneKind[];
  }
  let start: number | null = null;
  const rawStart = params.get('scene');
  if (rawStart !== null) {
    if (/^[1-9]\d{0,3}$/.test(rawStart)) start = Number(rawStart);
    else problems.push(`scene=${rawStart}: a scene number from 1`);
  }
  const rawLang = params.get('lang');
  let lang: TourUrl['lang'] = null;
  if (rawLang === 'en') lang = 'en';
  else if (rawLang === 'zh' || rawLang === 'zh-CN') lang = 'zh-CN';
  else if (rawLang !== null) problems.push(`lang=${rawLang}: zh or en`);
  const screen = params.get('screen');
  if (screen !== null && screen !== 'wall') problems.push(`screen=${screen}: wall`);
  return {
    url: {
      wall: screen === 'wall',
      dwell: seconds('dwell', 3600),
      idle: seconds('idle', 86400),
      check: seconds('check', 86400),
      retry: seconds('retry', 86400),
      scenes,
      start,
      lang
    },
    problems
  };
}

/** The file's tour with the URL's overrides applied. */
export function withUrl(config: TourConfig, url: TourUrl): TourConfig {
  // Each kind named, in the URL's order: the file's scenes of that kind, or the kind's defaults.
  const scenes = url.scenes
    ? url.scenes.flatMap((kind) => {
        const own = config.scenes.filter((s) => s.kind === kind);
        return own.length ? own : [{ kind }];
      })
    : config.scenes;
  return {
    dwell_seconds: url.dwell ?? config.dwell_seconds,
    idle_resume_seconds: url.idle ?? config.idle_resume_seconds,
    check_seconds: url.check ?? config.check_seconds,
    retry_max_seconds: url.retry ?? config.retry_max_seconds,
    scenes: url.dwell === null ? scenes : scenes.map((s) => ({ ...s, dwell_seconds: url.dwell! }))
  };
}
