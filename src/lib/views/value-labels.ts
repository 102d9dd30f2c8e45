/**
 * Names of filter values on screen, in the active language: a phase's message, a district's name
 * from the dataset (its English name where the boundaries have one), a unit as written.
 */
import { dimension, type FilterDimension, type ValueLabels } from '../state/dimensions.ts';
import type { Locale } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import type { DistrictCollection } from '../db/load-dataset.ts';
import type { LabelSource } from '../queries/data-table.ts';

export type DistrictNames = Map<string, { name: string; name_en?: string }>;

export function districtNames(districts: DistrictCollection): DistrictNames {
  return new Map(districts.features.map((f) => [f.properties.code, { name: f.properties.name, name_en: f.properties.name_en }]));
}

/** A district's name in the locale; its code when the dataset does not know it. */
export function districtName(names: DistrictNames, code: string, locale: Locale): string {
  const d = names.get(code);
  if (!d) return code;
  return locale === 'en' && d.name_en ? d.name_en : d.name;
}

/** A plan batch: 'initial' → 年初计划, 'supplement-2' → 第2批增补. */
export function batchName(value: string, locale: Locale): string {
  if (value === 'initial') return translate(locale, 'batch.initial');
  const m = /^supplement-(\d+)$/.exec(value);
  return m ? translate(locale, 'batch.supplement', { n: m[1] }) : value;
}

export function valueLabel(labels: ValueLabels, value: string, locale: Locale, names: DistrictNames): string {
  switch (labels.kind) {
    case 'message':
      return translate(locale, `${labels.prefix}${value}`);
    case 'district':
      return districtName(names, value, locale);
    case 'batch':
      return batchName(value, locale);
    default:
      return value;
  }
}

/** How an active filter reads in a chip: "区县：城中区、鱼峰区". */
export function filterSummary(dim: FilterDimension, value: unknown, locale: Locale, names: DistrictNames): string {
  const spec = dimension(dim);
  const name = translate(locale, spec.label);
  const colon = locale === 'en' ? ': ' : '：';
  if (spec.kind === 'text') return `${name}${colon}${String(value)}`;
  if (spec.kind === 'area') return name;
  const values = (value as string[]).map((v) => valueLabel(spec.labels, v, locale, names));
  const shown = values.length > 3 ? [...values.slice(0, 3), `… (${values.length})`] : values;
  return `${name}${colon}${shown.join(locale === 'en' ? ', ' : '、')}`;
}

/** How a table's query names values in the locale (queries/data-table.ts): its messages, and the English district names where there are any. */
export function labelSource(locale: Locale, names: DistrictNames): LabelSource {
  const districts = new Map<string, string>();
  if (locale === 'en') for (const [code, d] of names) if (d.name_en) districts.set(code, d.name_en);
  return { message: (key, params) => translate(locale, key, params), districts };
}
