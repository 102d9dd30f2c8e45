/** Row names of the overview's tables, as a plan annex words them, and the filters behind a published figure. */
import type { Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';
import type { PublishedFigure } from '../../schema.ts';
import type { FilterState } from '../../state/dimensions.ts';
import { ANNEX_PHASES, IMPLEMENTATION, type TableRow } from './programme.ts';

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六'];

export function rowLabel(row: Pick<TableRow, 'kind' | 'phase' | 'sector'>, locale: Locale): string {
  if (row.kind === 'implementation') return translate(locale, 'overview.row.implementation');
  if (row.kind === 'all') return translate(locale, 'overview.row.all');
  if (row.kind === 'sector') return translate(locale, `sector.${row.sector}`);
  const i = ANNEX_PHASES.indexOf(row.phase!);
  return translate(locale, 'overview.row.phase', {
    n: locale === 'zh-CN' ? ZH_NUMERALS[i] : i + 1,
    phase: translate(locale, `phase.${row.phase}`)
  });
}

/** What a published figure covers, in words: "续建项目 · 基础设施", "实施项目合计", "县重点项目", "规模 <3,000万". */
export function figureLabel(f: PublishedFigure, locale: Locale): string {
  const parts: string[] = [];
  if (f.phase !== 'all') parts.push(translate(locale, `phase.${f.phase}`));
  else if (f.phases && f.phases.join() === IMPLEMENTATION.join()) parts.push(translate(locale, 'overview.row.implementation'));
  if (f.sector !== 'all') parts.push(translate(locale, `sector.${f.sector}`));
  if (f.level && f.level !== 'all') parts.push(translate(locale, `level.${f.level}`));
  if (f.size) parts.push(translate(locale, 'overview.pub.size', { size: f.note ?? f.size }));
  return parts.length ? parts.join(' · ') : translate(locale, 'overview.pub.allPhases');
}

/** The filters selecting a published figure's projects (its link to the map); size classes as size buckets. */
export function figureFilters(f: PublishedFigure, buckets: string[] | null): Partial<FilterState> {
  const filters: Partial<FilterState> = {
    phase: f.phase === 'all' ? [...(f.phases ?? [])] : [f.phase],
    sector: f.sector === 'all' ? [] : [f.sector]
  };
  if (f.level && f.level !== 'all') filters.level = [f.level];
  if (buckets) filters.size = buckets;
  return filters;
}
