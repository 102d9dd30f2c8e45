/**
 * What the data page exports: its table's query (the same as the rows on screen, without the
 * window), its columns named and defined in the page's language, and what the rows are.
 */
import { columnTables, dataColumn, dataTableQuery, type DataColumn, type LabelSource } from '../../queries/data-table.ts';
import { coreExportSource } from '../../export/source.ts';
import type { ExportRequest } from '../../export/run.ts';
import type { ExportAbout, ExportColumn, ExportFormat } from '../../export/types.ts';
import type { Locale } from '../../i18n/format.ts';
import { translate, type MessageParams } from '../../i18n/translate.ts';
import { ragDefinition } from '../../rules/rag-text.ts';
import { activeDimensions, dimension, type FilterDimension, type FilterState } from '../../state/dimensions.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import { filterSummary, valueLabel, type DistrictNames } from '../value-labels.ts';
import type { DataSettings } from './data-settings.svelte.ts';

/** The filters in a few words for a file name: each dimension's values, at most two named. */
export function fileFilterSummary(filters: FilterState, locale: Locale, names: DistrictNames): string {
  const sep = locale === 'en' ? '+' : '、';
  return activeDimensions(filters)
    .map((d: FilterDimension) => {
      const spec = dimension(d);
      if (spec.kind === 'text') return String(filters[d]).trim();
      if (spec.kind === 'area') return translate(locale, spec.label);
      const values = (filters[d] as string[]).map((v) => valueLabel(spec.labels, v, locale, names));
      return values.length > 2
        ? `${values.slice(0, 2).join(sep)}${locale === 'en' ? `+${values.length - 2}` : `等${values.length}项`}`
        : values.join(sep);
    })
    .join('_');
}

export function dataExportRequest(
  ws: Workspace,
  settings: DataSettings,
  labels: LabelSource,
  locale: Locale,
  format: ExportFormat
): ExportRequest {
  const t = (key: string, params?: MessageParams) => translate(locale, key, params);
  const definition = (metric: string) => {
    const m = metric === 'rag' ? ragDefinition(ws.core.rules.rag) : { key: `data.def.${metric}`, params: undefined };
    return t(m.key, m.params);
  };
  const days = ws.core.rules.approvalLimit?.working_days;
  const defined = (c: DataColumn) =>
    c.metric ? definition(c.metric) : c.approvals ? t(`data.def.${c.id}`, { days: String(days ?? '') }) : undefined;
  const columns: ExportColumn[] = settings.shown.map((c) => ({
    id: c.id,
    label: t(`data.col.${c.id}`),
    kind: c.kind,
    definition: defined(c)
  }));
  const filters = ws.filters;
  const about: ExportAbout = {
    dataset: { id: ws.datasetId, name: locale === 'en' ? ws.dataset.meta.name.en : ws.dataset.meta.name.zh },
    month: ws.month,
    filters: activeDimensions(filters).map((d) => filterSummary(d, filters[d], locale, ws.districtNames)),
    filterSummary: fileFilterSummary(filters, locale, ws.districtNames),
    order: settings.sort
      .map((k) => `${t(`data.col.${k.id}`)} ${t(k.descending ? 'data.desc' : 'data.asc')}`)
      .join(locale === 'en' ? ', ' : '，'),
    locale
  };
  const query = dataTableQuery(ws.core.context(), { columns: settings.shown, sort: settings.sort, labels });
  // A column read from a source table (the approvals verdict) has it loaded first; the table on screen usually has.
  const tables = columnTables([...settings.shown, ...settings.sort.map((k) => dataColumn(k.id))]);
  const core = coreExportSource(ws.core);
  const ready = tables.length ? ws.core.prefetch({ tables }) : Promise.resolve();
  const source = {
    ...core,
    exec: async (sql: string) => {
      await ready;
      return core.exec(sql);
    }
  };
  return { source, query, columns, about, format };
}
