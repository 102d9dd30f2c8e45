/**
 * The "about" sheet of an XLSX export: dataset, as-of month, filters, order, rows, units and the
 * definitions of the exported figures, so that a figure taken from the file can be cited.
 */
import { formatMonth } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import type { ExportAbout, ExportColumn } from './types.ts';

/** Rows of two cells (what, value), with blank rows between sections. */
export function aboutRows(about: ExportAbout, columns: readonly ExportColumn[], rows: number): string[][] {
  const t = (key: string, params?: Record<string, string | number>) => translate(about.locale, key, params);
  const listSep = about.locale === 'en' ? '; ' : '；';
  const out: string[][] = [
    [t('export.about.title')],
    [t('export.about.dataset'), `${about.dataset.name} (${about.dataset.id})`],
    [t('export.about.month'), `${formatMonth(`${about.month}-01`, about.locale)} (${about.month})`],
    [t('export.about.filters'), about.filters.length ? about.filters.join(listSep) : t('export.about.noFilters')]
  ];
  if (about.order) out.push([t('export.about.order'), about.order]);
  out.push(
    [t('export.about.rows'), String(rows)],
    [t('export.about.exportedAt'), about.exportedAt ?? new Date().toISOString()],
    [t('export.about.units'), t('export.about.unitsText')],
    [t('export.about.source'), t('export.about.sourceText')]
  );
  const defined = columns.filter((c) => c.definition);
  if (defined.length) {
    out.push([], [t('export.about.definitions')], [t('export.about.column'), t('export.about.definition')]);
    for (const c of defined) out.push([c.label, c.definition!]);
  }
  return out;
}

/** The two sheets' names. */
export function sheetNames(about: Pick<ExportAbout, 'locale'>): { data: string; about: string } {
  return { data: translate(about.locale, 'export.sheet.data'), about: translate(about.locale, 'export.sheet.about') };
}
