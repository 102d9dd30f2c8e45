/**
 * The plan's rules besides the ranking, as the league page shows them: programme targets,
 * size-class targets, approval time limits in working days, the stalled-project rule and the
 * leader-led thresholds, each from its SQL builder (src/lib/league) over the month's facts, or,
 * where the dataset lacks what a rule reads (rules/data-needs.ts), the columns it needs instead of
 * a figure. The results are turned into lines here so the component only lays them out.
 */
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import type { Month } from '../../metrics/month.ts';
import { approvalLimitQuery } from '../../league/approval-limits.ts';
import { leaderBreachesQuery } from '../../league/leader-breaches.ts';
import { programmeTargetsQuery } from '../../league/programme-targets.ts';
import { sizeClassTargetsQuery } from '../../league/size-class.ts';
import { stalledProjectsQuery } from '../../league/stalled.ts';
import { ruleDataNeeds, type AvailableColumns } from '../../rules/data-needs.ts';
import type { ApprovalLimit, LocalName, ProgrammeTarget, RulePreset, SizeClassTarget } from '../../rules/preset-schema.ts';
import { CALENDAR_YEARS } from '../../rules/working-days.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';

export type PlanRuleKind = 'programme' | 'size_class' | 'approval_limit' | 'stalled' | 'leader';

/**
 * One rule of the preset: its key path, what it is, its name (null: a rule named by its kind in
 * the catalogue, the stalled rule and the leader thresholds), and the columns it needs that the
 * dataset lacks (empty: it can be computed).
 */
export interface PlanRule {
  rule: string;
  kind: PlanRuleKind;
  name: LocalName | null;
  missing: string[];
}

/** The preset's rules of these kinds in the preset's order, each with what the dataset lacks for it. */
export function planRules(preset: RulePreset, available: AvailableColumns): PlanRule[] {
  const needs = new Map(ruleDataNeeds(preset, available).map((n) => [n.rule, n.missing]));
  const rule = (path: string, kind: PlanRuleKind, name: LocalName | null): PlanRule => ({
    rule: path,
    kind,
    name,
    missing: needs.get(path) ?? []
  });
  const rules: PlanRule[] = [];
  preset.programme_targets?.forEach((t, i) => rules.push(rule(`programme_targets[${i}]`, 'programme', t.name)));
  preset.size_class_targets?.forEach((t, i) => rules.push(rule(`size_class_targets[${i}]`, 'size_class', t.name)));
  preset.approval_limits?.forEach((a, i) => rules.push(rule(`approval_limits[${i}]`, 'approval_limit', a.name)));
  if (preset.stalled) rules.push(rule('stalled', 'stalled', null));
  if (preset.leader_thresholds) rules.push(rule('leader_thresholds', 'leader', null));
  return rules;
}

/** Whether the holiday calendar reaches the month, so that working days can be counted to its end. */
export const calendarCovers = (month: string) => Number(month.slice(0, 4)) <= CALENDAR_YEARS.last;

/**
 * The query of each computable kind (rules whose data is missing are not asked). The whole
 * programme's rules: each owns every filter dimension, as the bulletin's.
 */
export function planRuleSpecs(preset: RulePreset, rules: readonly PlanRule[], month: string): Partial<Record<PlanRuleKind, QuerySpec>> {
  const ready = (kind: PlanRuleKind) => rules.filter((r) => r.kind === kind && r.missing.length === 0);
  const index = (r: PlanRule) => Number(/\[(\d+)\]$/.exec(r.rule)![1]);
  const specs: Partial<Record<PlanRuleKind, QuerySpec>> = {};
  const programme = ready('programme').map((r) => preset.programme_targets![index(r)]);
  if (programme.length)
    specs.programme = { owns: FILTER_DIMENSIONS, query: (ctx) => programmeTargetsQuery(ctx.month, programme, ctx.facts) };
  const sizeClass = ready('size_class').map((r) => preset.size_class_targets![index(r)]);
  if (sizeClass.length)
    specs.size_class = { owns: FILTER_DIMENSIONS, query: (ctx) => sizeClassTargetsQuery(ctx.month, sizeClass, ctx.facts) };
  const limits = ready('approval_limit').map((r) => preset.approval_limits![index(r)]);
  if (limits.length && calendarCovers(month))
    specs.approval_limit = {
      owns: FILTER_DIMENSIONS,
      tables: ['projects'],
      query: (ctx) => approvalLimitsUnion(ctx.month, limits)
    };
  if (preset.stalled && ready('stalled').length) {
    const stalled = preset.stalled;
    specs.stalled = { owns: FILTER_DIMENSIONS, tables: ['projects', 'monthly'], query: (ctx) => stalledProjectsQuery(ctx.month, stalled) };
  }
  if (preset.leader_thresholds && ready('leader').length) {
    const thresholds = preset.leader_thresholds;
    specs.leader = { owns: FILTER_DIMENSIONS, tables: ['projects'], query: () => leaderBreachesQuery(thresholds) };
  }
  return specs;
}

/** The projects over each limit, with the limit's id: the whole holiday calendar, so no 立项 date falls outside it. */
function approvalLimitsUnion(month: Month, limits: readonly ApprovalLimit[]) {
  const parts = limits.map((l) =>
    Query.from({ a: approvalLimitQuery(month, l, CALENDAR_YEARS.first) })
      .select({ limit_id: literal(l.id) }, '*')
      .where(sql`over`)
  );
  return parts.length === 1 ? parts[0] : Query.unionAll(...parts);
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const project = (r: Row) => ({ id: String(r.id), name: String(r.name) });

/** A programme target's result: its value and minimum as numbers, met (null: not judged), measured (false: no project it is measured over). */
export interface ProgrammeResult {
  target: ProgrammeTarget;
  value: number | null;
  minimum: number;
  met: boolean | null;
  measured: boolean;
}

export function programmeResults(targets: readonly ProgrammeTarget[], rows: readonly Row[]): ProgrammeResult[] {
  return targets.flatMap((target) => {
    const row = rows.find((r) => r.target_id === target.id);
    if (!row) return [];
    const met = row.met === null ? null : Boolean(row.met);
    return [{ target, value: num(row.value), minimum: Number(row.minimum), met, measured: row.measured === true }];
  });
}

/** A size class at the month: its projects, how many have met the year's target, and those behind the pace to date. */
export interface SizeClassResult {
  target: SizeClassTarget;
  projects: number;
  met: number;
  behind: { id: string; name: string }[];
}

export function sizeClassResults(targets: readonly SizeClassTarget[], rows: readonly Row[]): SizeClassResult[] {
  return targets.map((target) => {
    const mine = rows.filter((r) => r.target_id === target.id);
    return {
      target,
      projects: mine.length,
      met: mine.filter((r) => r.met === true).length,
      behind: mine.filter((r) => r.on_pace !== true).map(project)
    };
  });
}

/** The projects over an approval limit, with the working days used. */
export function overLimit(limit: ApprovalLimit, rows: readonly Row[]): { id: string; name: string; workingDays: number }[] {
  return rows.filter((r) => r.limit_id === limit.id).map((r) => ({ ...project(r), workingDays: Number(r.working_days) }));
}

/** Projects listed by a rule (stalled, leader breaches), each once. */
export function listedProjects(rows: readonly Row[]): { id: string; name: string }[] {
  const seen = new Set<string>();
  return rows.map(project).filter((p) => !seen.has(p.id) && (seen.add(p.id), true));
}
