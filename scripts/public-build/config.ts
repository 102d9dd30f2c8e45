/**
 * The public build's configuration (public-build.json at the project root, or --config): which
 * datasets go into the public site, which project columns each may ship, and how precisely its
 * projects are placed. Without a file: every dataset, the schema's public columns, exact places.
 */
import { PROJECT_COLUMNS } from '../../src/lib/schema.ts';

/** Where a public dataset puts its projects: as surveyed, snapped to a grid's cell centres, or on their district's label point. */
export type LocationPolicy = { kind: 'exact' } | { kind: 'grid'; step: number } | { kind: 'district' };

export interface PublicDatasetPlan {
  /** Project columns that keep their values (always with `id`); every other public column is shipped empty. */
  columns: string[];
  locations: LocationPolicy;
}

export interface PublicBuildConfig {
  /** Dataset ids left out of the public site. */
  exclude: string[];
  defaults: PublicDatasetPlan;
  datasets: Record<string, Partial<PublicDatasetPlan>>;
}

export class PublicConfigError extends Error {}

/** The project columns the schema marks public: the default whitelist. */
export const PUBLIC_PROJECT_COLUMNS: readonly string[] = PROJECT_COLUMNS.filter((c) => c.visibility === 'public').map((c) => c.name);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads the configuration's JSON; throws PublicConfigError naming the entry that cannot be used. */
export function parsePublicBuildConfig(json: unknown): PublicBuildConfig {
  if (json === undefined || json === null) json = {};
  if (!isRecord(json)) throw new PublicConfigError('the configuration is not a JSON object');
  const exclude = json.exclude ?? [];
  if (!Array.isArray(exclude) || !exclude.every((x) => typeof x === 'string'))
    throw new PublicConfigError('exclude: not a list of dataset ids');
  const defaults: PublicDatasetPlan = {
    columns: json.columns === undefined ? [...PUBLIC_PROJECT_COLUMNS] : parseColumns(json.columns, 'columns'),
    locations: json.locations === undefined ? { kind: 'exact' } : parseLocations(json.locations, 'locations')
  };
  const datasets: PublicBuildConfig['datasets'] = {};
  const entries = json.datasets ?? {};
  if (!isRecord(entries)) throw new PublicConfigError('datasets: not an object of dataset ids');
  for (const [id, entry] of Object.entries(entries)) {
    if (!isRecord(entry)) throw new PublicConfigError(`datasets.${id}: not an object`);
    datasets[id] = {
      ...(entry.columns !== undefined ? { columns: parseColumns(entry.columns, `datasets.${id}.columns`) } : {}),
      ...(entry.locations !== undefined ? { locations: parseLocations(entry.locations, `datasets.${id}.locations`) } : {})
    };
  }
  return { exclude: exclude as string[], defaults, datasets };
}

/**
 * A whitelist may only name public columns: an internal one (a person, a note, the funding)
 * is refused rather than shipped, whatever the configuration says.
 */
function parseColumns(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string'))
    throw new PublicConfigError(`${where}: not a list of column names`);
  const unknown = value.filter((c) => !PROJECT_COLUMNS.some((s) => s.name === c));
  if (unknown.length) throw new PublicConfigError(`${where}: no such project column: ${unknown.join(', ')}`);
  const internal = value.filter((c) => !PUBLIC_PROJECT_COLUMNS.includes(c));
  if (internal.length) throw new PublicConfigError(`${where}: internal columns cannot be made public: ${internal.join(', ')}`);
  return [...new Set(value as string[])];
}

function parseLocations(value: unknown, where: string): LocationPolicy {
  if (value === 'exact' || value === 'district') return { kind: value };
  if (isRecord(value) && typeof value.grid === 'number' && value.grid > 0 && value.grid <= 1) return { kind: 'grid', step: value.grid };
  throw new PublicConfigError(`${where}: "exact", "district" or { "grid": <degrees, at most 1> }, not ${JSON.stringify(value)}`);
}

/** The plan of one dataset, or null when it is left out. `internalColumns`: the dataset's own (meta.json `internal_columns`). */
export function datasetPlan(config: PublicBuildConfig, id: string, internalColumns: readonly string[] = []): PublicDatasetPlan | null {
  if (config.exclude.includes(id)) return null;
  const own = config.datasets[id] ?? {};
  const columns = (own.columns ?? config.defaults.columns).filter((c) => !internalColumns.includes(c));
  return { columns: ['id', ...columns.filter((c) => c !== 'id')], locations: own.locations ?? config.defaults.locations };
}
