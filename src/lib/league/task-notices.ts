/**
 * Guiyang's monthly task notices: per district (or lead unit), its projects with lagging approvals
 * and those not registered in the statistics database (入库), over the month's facts. An
 * implementation project's approvals lag when some it needs are still outstanding at the month end.
 */
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import type { TaskNoticeItem, TaskNoticeRule } from '../rules/preset-schema.ts';
import type { Expr } from '../metrics/sql.ts';

const ITEM: Record<TaskNoticeItem, Expr> = {
  lagging_approvals: sql`approvals_done < approvals_required`,
  unregistered: sql`NOT coalesce(stat_registered, FALSE)`
};

/** One row per unit, item and project: unit, item, id, name; ordered by unit, item, id. */
export function taskNoticesQuery(rule: TaskNoticeRule, facts: FactsSource) {
  const unit = rule.per === 'district' ? 'district_code' : 'lead_unit';
  const parts = rule.items.map((item) =>
    Query.from(facts)
      .select({ unit, item: literal(item), id: 'id', name: 'name' })
      .where(sql`in_plan`, sql`phase <> 'preparatory'`, sql`${ITEM[item]}`)
  );
  return Query.unionAll(...parts).orderby('unit', 'item', 'id');
}
