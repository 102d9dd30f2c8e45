/**
 * What the problem ledger exports: its table's query (the rows shown, in their order, without the
 * window), its columns named and defined in the page's language, and what the rows are: the
 * project filters and the ledger's own.
 */
import { coreExportSource } from '../../export/source.ts';
import type { ExportRequest } from '../../export/run.ts';
import type { ColumnKind, ExportAbout, ExportColumn, ExportFormat } from '../../export/types.ts';
import type { Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';
import type { LabelSource } from '../../queries/data-table.ts';
import { LEDGER_COLUMNS, ledgerQuery } from '../../queries/problems.ts';
import { activeDimensions } from '../../state/dimensions.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import { fileFilterSummary } from '../data/export-request.ts';
import { filterSummary } from '../value-labels.ts';
import { LEDGER_FACETS, type LedgerFilter, type LedgerSort } from './ledger-state.ts';
import { stepWords } from './next-step.ts';

const KINDS: Partial<Record<(typeof LEDGER_COLUMNS)[number] | (typeof LADDER_COLUMNS)[number], ColumnKind>> = {
  raised_on: 'date',
  deadline: 'date',
  age: 'number',
  notices: 'number',
  interviews: 'number',
  next_due: 'date'
};
const DEFINED = new Set(['age', 'flag', 'status', 'overrun_flag']);
/** The escalation ladder's columns, exported where the preset has a ladder. */
const LADDER_COLUMNS = ['overrun_flag', 'next_step', 'next_due'] as const;
/** The message key of a column's header: `category_name` is headed like the table's `category`. */
export const columnKey = (id: string): string => `problems.col.${id.replace(/_name$/, '')}`;

/** The ledger's own filters in words ("类别：资金、用地"), as the export's sheet lists them. */
export function ledgerFilterWords(filter: LedgerFilter, locale: Locale): string[] {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const sep = locale === 'en' ? ', ' : '、';
  const prefix = { category: 'problemCategory.', level: 'problemLevel.', status: 'problemStatus.' };
  const words = LEDGER_FACETS.filter((f) => filter[f].length).map((f) =>
    t('problems.filter.chip', { facet: t(`problems.filter.${f}`), value: filter[f].map((v) => t(`${prefix[f]}${v}`)).join(sep) })
  );
  if (filter.due) words.push(t('problems.filter.chip', { facet: t('problems.filter.due'), value: t(`problems.filter.${filter.due}`) }));
  return words;
}

export function ledgerExportRequest(
  ws: Workspace,
  state: { filter: LedgerFilter; sort: LedgerSort },
  labels: LabelSource,
  locale: Locale,
  format: ExportFormat
): ExportRequest {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const ladder = ws.dataset.meta.rule_preset.escalation?.steps;
  const ids = [...LEDGER_COLUMNS, ...(ladder?.length ? LADDER_COLUMNS : [])];
  const columns: ExportColumn[] = ids.map((id) => {
    const base = id.replace(/_name$/, '');
    return {
      id,
      label: t(columnKey(id)),
      kind: KINDS[id] ?? 'text',
      definition: DEFINED.has(base) ? t(`problems.def.${base}`) : undefined
    };
  });
  const filters = ws.filters;
  const ledgerWords = ledgerFilterWords(state.filter, locale);
  const about: ExportAbout = {
    dataset: { id: ws.datasetId, name: locale === 'en' ? ws.dataset.meta.name.en : ws.dataset.meta.name.zh },
    month: ws.month,
    filters: [...activeDimensions(filters).map((d) => filterSummary(d, filters[d], locale, ws.districtNames)), ...ledgerWords],
    filterSummary: [t('nav.problems'), fileFilterSummary(filters, locale, ws.districtNames)].filter(Boolean).join('_'),
    order: `${t(columnKey(state.sort.key))} ${t(state.sort.descending ? 'data.desc' : 'data.asc')}`,
    locale
  };
  const ladderWords = ladder?.map((step) => stepWords(step, locale));
  const query = ledgerQuery({ ...ws.core.context(), ladder }, { filter: state.filter, sort: state.sort, labels, ladderWords });
  return { source: coreExportSource(ws.core), query, columns, about, format };
}
