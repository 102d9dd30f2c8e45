/** meta.json of an ingested dataset: a new plan's, or an existing dataset's updated by returns alone. */
import path from 'node:path';
import type { DatasetMeta, RulePreset } from '../../src/lib/schema.ts';
import { DEFAULT_PRESET } from '../../src/lib/rules/presets/common.ts';
import { checkPreset, formatIssue } from '../../src/lib/rules/validate.ts';
import { InputError } from './errors.ts';
import type { PlanYears } from './plan-years.ts';
import { publishedFigures, type ReconLine } from './reconcile.ts';

/**
 * The preset meta.json gets: the one given with --preset, else the existing dataset's, else the
 * default rules; whichever it is must fit the schema (src/lib/rules/validate.ts), or the ingest
 * stops with every issue and its key.
 */
export function ingestPreset(given: { file: string; value: unknown } | null, base: DatasetMeta | null, outDir: string): RulePreset {
  const [file, value, at] = given
    ? [given.file, given.value, '']
    : base
      ? [path.join(outDir, 'meta.json'), base.rule_preset, 'rule_preset']
      : [null, DEFAULT_PRESET, ''];
  const checked = checkPreset(value, at);
  if (checked.ok) return checked.preset;
  const lines = checked.issues.map((i) => `  ${formatIssue(i)}`).join('\n');
  throw new InputError(file ?? 'the default preset', `invalid rule preset (src/lib/rules/preset-schema.ts):\n${lines}`);
}

export interface MetaInput {
  dataset: string;
  name?: string;
  nameEn?: string;
  adminCode?: string;
  jurisdiction: string;
  /** The first district's code, for the jurisdiction's code when none is given. */
  firstDistrictCode: string | undefined;
  plan: PlanYears;
  asOf: string;
  files: string[];
  hasPlan: boolean;
  base: DatasetMeta | null;
  /** Checked by ingestPreset. */
  preset: RulePreset;
  recon: ReconLine[];
  defaults: string[];
  /** districts.geojson as given, relative to the project root. */
  boundariesSource: string;
}

export function buildMeta(m: MetaInput): DatasetMeta {
  const { base } = m;
  const sources = m.files.map((f) => path.basename(f)).join('; ');
  // monthly returns alone update an existing dataset: its plan-level metadata stays as it was
  if (!m.hasPlan && base)
    return {
      ...base,
      rule_preset: m.preset,
      as_of: m.asOf,
      source_document: base.source_document.includes(sources) ? base.source_document : `${base.source_document}; ${sources}`,
      invented: [...new Set([...base.invented, ...m.defaults])]
    };
  const figures = publishedFigures(m.recon);
  const j = m.jurisdiction;
  return {
    id: m.dataset,
    name: { zh: m.name ?? base?.name.zh ?? m.dataset, en: m.nameEn ?? base?.name.en ?? m.name ?? m.dataset },
    year: m.plan.year,
    ...(m.plan.years.length > 1 ? { years: m.plan.years } : {}),
    as_of: m.asOf,
    jurisdiction: {
      zh: j,
      en: base?.jurisdiction.en ?? j,
      level: base?.jurisdiction.level ?? (/县$/.test(j) ? 'county' : 'city'),
      admin_code: m.adminCode ?? base?.jurisdiction.admin_code ?? `${String(m.firstDistrictCode ?? '000000').slice(0, 4)}00`
    },
    source_document: sources,
    rule_preset: m.preset,
    ...(figures.published.length ? figures : {}),
    invented: m.defaults,
    boundaries: base?.boundaries ?? { source: m.boundariesSource, licence: 'unknown: check before publishing' }
  };
}
