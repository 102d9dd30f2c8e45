/**
 * The pure parts of a dataset's public derivative: the SQL selecting its projects, its districts
 * without their targets, and its meta.json without anything computed from internal data.
 */
import type { FeatureCollection } from 'geojson';
import { PROJECT_COLUMNS, type DatasetMeta } from '../../src/lib/schema.ts';
import type { PublicDatasetPlan } from './config.ts';

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The table of district label points the 'district' policy joins (created by public-dataset.ts). */
export const LABELS_TABLE = 'public_district_labels';

/**
 * SELECT of the public projects from `source` (a FROM item aliased `p`): every public schema
 * column, in schema order, with its value when whitelisted and a typed NULL otherwise (the app
 * and the facts SQL read the columns by name); no internal column at all. Coarsened places lose
 * the lines of linear projects, which would show where they are.
 */
export function publicProjectsSelect(plan: PublicDatasetPlan, source: string): string {
  const { locations } = plan;
  const exprs = PROJECT_COLUMNS.filter((c) => c.visibility === 'public').map((c) => {
    const name = ident(c.name);
    if (!plan.columns.includes(c.name)) return `CAST(NULL AS ${c.type}) AS ${name}`;
    if (locations.kind === 'grid' && (c.name === 'lon' || c.name === 'lat')) {
      const step = String(locations.step);
      return `CAST(round((floor(p.${name} / ${step}) + 0.5) * ${step}, 7) AS DOUBLE) AS ${name}`;
    }
    if (locations.kind === 'district' && (c.name === 'lon' || c.name === 'lat')) {
      return `CASE WHEN p.${name} IS NULL THEN NULL ELSE l.${name} END AS ${name}`;
    }
    if (locations.kind === 'district' && c.name === 'location_precision') return `CAST('district' AS VARCHAR) AS ${name}`;
    if (locations.kind !== 'exact' && c.name === 'geometry') return `CAST(NULL AS VARCHAR) AS ${name}`;
    return `p.${name}`;
  });
  const join = locations.kind === 'district' ? ` LEFT JOIN ${LABELS_TABLE} AS l ON l.code = p.district_code` : '';
  return `SELECT ${exprs.join(', ')} FROM ${source} AS p${join} ORDER BY p.id`;
}

/** The districts with their code, names and label point only (the plan's targets per district stay internal). */
export function publicDistricts(districts: FeatureCollection): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: districts.features.map((f) => {
      const p = (f.properties ?? {}) as Record<string, unknown>;
      const properties: Record<string, unknown> = { code: p.code, name: p.name, label: p.label };
      if (p.name_en !== undefined) properties.name_en = p.name_en;
      return { type: 'Feature', geometry: f.geometry, properties };
    })
  };
}

/**
 * meta.json of the public derivative: what describes the dataset, never what was computed from
 * internal data (targets met, the data's own figures) nor how the demo data was generated.
 * The finishing step adds the first paint's file, the months and the row groups.
 */
export function publicMeta(meta: DatasetMeta, plan: PublicDatasetPlan): DatasetMeta {
  const out: DatasetMeta = {
    id: meta.id,
    name: meta.name,
    year: meta.year,
    as_of: meta.as_of,
    jurisdiction: meta.jurisdiction,
    source_document: meta.source_document,
    rule_preset: meta.rule_preset,
    invented: meta.invented,
    boundaries: meta.boundaries,
    public: true,
    public_locations: plan.locations.kind === 'grid' ? `grid:${plan.locations.step}` : plan.locations.kind
  };
  if (meta.years) out.years = meta.years;
  if (meta.published) out.published = meta.published;
  if (meta.location_illustrative !== undefined) out.location_illustrative = meta.location_illustrative;
  return out;
}
