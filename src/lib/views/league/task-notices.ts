/** The task notices' rows (league/task-notices.ts) grouped per unit, each item with its projects, units in their code order. */
import type { TaskNoticeItem } from '../../rules/preset-schema.ts';

export interface UnitNotices {
  unit: string;
  items: { item: TaskNoticeItem; projects: { id: string; name: string }[] }[];
}

export function noticesByUnit(
  rows: readonly { unit: string; item: TaskNoticeItem; id: string; name: string }[],
  items: readonly TaskNoticeItem[]
): UnitNotices[] {
  const units = [...new Set(rows.map((r) => String(r.unit)))].sort();
  return units.map((unit) => ({
    unit,
    items: items.map((item) => ({
      item,
      projects: rows.filter((r) => String(r.unit) === unit && r.item === item).map((r) => ({ id: String(r.id), name: String(r.name) }))
    }))
  }));
}
