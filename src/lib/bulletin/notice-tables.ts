/** The bulletin's tables of the plan's sanctions: warnings and demerit points (Lishui) and task notices (Guiyang), by district. */
import { formatNumber, type Locale } from '../i18n/format.ts';
import { translate } from '../i18n/translate.ts';
import type { TaskNoticeItem } from '../rules/preset-schema.ts';
import type { DemeritRow, TaskNoticeRow } from './inputs.ts';
import { col, type Names, type TableContent } from './tables.ts';

export function demeritsTable(rows: readonly DemeritRow[], locale: Locale, names: Names): TableContent {
  return {
    columns: [
      col(locale, 'no', 'center', 0.08),
      col(locale, 'district', 'start', 0.32),
      col(locale, 'projects', 'end', 0.15),
      col(locale, 'missed', 'end', 0.15),
      col(locale, 'warnings', 'end', 0.15),
      col(locale, 'points', 'end', 0.15)
    ],
    rows: rows.map((r, i) => [
      String(i + 1),
      names(r.unit, locale),
      formatNumber(Number(r.projects)),
      formatNumber(Number(r.missed)),
      formatNumber(Number(r.warnings)),
      formatNumber(Number(r.demerit_points))
    ])
  };
}

/** Project names a notice lists in its cell before "and n more". */
const NAMED = 3;

/** One row per unit with notices: the projects named, then the count of each item. */
export function taskNoticesTable(
  rows: readonly TaskNoticeRow[],
  items: readonly TaskNoticeItem[],
  unitName: (unit: string) => string,
  locale: Locale
): TableContent {
  const units = [...new Set(rows.map((r) => r.unit))];
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const itemWidth = 0.3 / items.length;
  return {
    columns: [
      col(locale, 'no', 'center', 0.06),
      col(locale, 'district', 'start', 0.16),
      col(locale, 'noticeProjects', 'start', 0.48),
      ...items.map((item) => col(locale, `notice.${item}`, 'end', itemWidth))
    ],
    rows: units.map((unit, i) => {
      const own = rows.filter((r) => r.unit === unit);
      const names = [...new Set(own.map((r) => r.name))];
      const listed = names.slice(0, NAMED).join(sep);
      return [
        String(i + 1),
        unitName(unit),
        names.length > NAMED ? translate(locale, 'bulletin.taskNotices.more', { names: listed, n: formatNumber(names.length) }) : listed,
        ...items.map((item) => formatNumber(own.filter((r) => r.item === item).length))
      ];
    })
  };
}
