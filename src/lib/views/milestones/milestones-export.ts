/** What the Gantt chart exports: its rows in its order (the same selection and sort), named in the page's language. */
import { coreExportSource } from '../../export/source.ts';
import type { ExportRequest } from '../../export/run.ts';
import type { ExportColumn, ExportFormat } from '../../export/types.ts';
import type { Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';
import { milestoneExportQuery, type MilestoneGrouping } from '../../queries/milestones.ts';
import { activeDimensions } from '../../state/dimensions.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import { fileFilterSummary } from '../data/export-request.ts';
import { filterSummary } from '../value-labels.ts';
import { BADLY_SLIPPED_DAYS, ON_TIME_DAYS, type SlipClass } from './slip.ts';

export function milestonesExportRequest(ws: Workspace, grouping: MilestoneGrouping, locale: Locale, format: ExportFormat): ExportRequest {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const classLabel = (c: SlipClass) =>
    t(`milestones.class.${c}`, { n: c === 'on_time' ? ON_TIME_DAYS : BADLY_SLIPPED_DAYS, from: ON_TIME_DAYS + 1, to: BADLY_SLIPPED_DAYS });
  const query = milestoneExportQuery(ws.core.context(), grouping, { sector: (v) => t(`sector.${v}`), slipClass: classLabel });
  const col = (id: string, label: string, kind: ExportColumn['kind']): ExportColumn => ({ id, label, kind });
  const columns: ExportColumn[] = [
    col('id', t('data.col.id'), 'text'),
    col('name', t('data.col.name'), 'text'),
    col('district_name', t('data.col.district_name'), 'text'),
    col('sector', t('data.col.sector'), 'text'),
    ...(['planned_start', 'planned_completion', 'actual_start', 'actual_completion'] as const).map((c) =>
      col(c, t(`milestones.col.${c}`), 'date')
    ),
    col('slip_days', t('milestones.col.slip_days'), 'number'),
    col('slip_class', t('milestones.col.slip_class'), 'text')
  ];
  const filters = ws.filters;
  return {
    source: coreExportSource(ws.core),
    query,
    columns,
    about: {
      dataset: { id: ws.datasetId, name: locale === 'en' ? ws.dataset.meta.name.en : ws.dataset.meta.name.zh },
      month: ws.month,
      filters: activeDimensions(filters).map((d) => filterSummary(d, filters[d], locale, ws.districtNames)),
      filterSummary: fileFilterSummary(filters, locale, ws.districtNames),
      order: `${t(`milestones.group.${grouping}`)}, ${t('milestones.col.slip_days')}`,
      locale
    },
    format
  };
}
