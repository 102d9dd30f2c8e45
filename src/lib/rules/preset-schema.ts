/**
 * A rule preset: every mechanism of a plan (../shared/domain.md, "Rules the seeds state") as
 * data, in a dataset's meta.json (`rule_preset`) or the site config (config/presets.json).
 * validate.ts checks a document against exactly these types; nothing is filled in.
 *
 * Money is 万元 (exact, at most two decimals); shares are 0–1 (0.83 = 83%); days are whole days.
 */
import type { Phase, ProblemLevel, ProjectLevel } from '../schema.ts';

export interface LocalName {
  zh: string;
  en: string;
}

/**
 * RAG of a project or unit against 序时进度 (the month's planned cumulative where the plan has
 * monthly targets). `points_behind`: completion rate minus 序时进度 in percentage points; green
 * while no more than `green_max_points_behind` behind (0: at or above plan), amber up to
 * `amber_max_points_behind`, red beyond (default 0 / 10; Yinchuan 10 / 30). `share_of_elapsed`:
 * completion as a share of 序时进度; green from `green_min_share`, amber from `amber_min_share`,
 * red below (Wuhan: 0.8 / 0.6).
 */
export type RagRule =
  | { basis: 'points_behind'; green_max_points_behind: number; amber_max_points_behind: number }
  | { basis: 'share_of_elapsed'; green_min_share: number; amber_min_share: number };

/** Where a project's planned cumulative of a month comes from: its own monthly targets (Lishui), or annual plan × elapsed share. */
export const PLAN_BASES = ['monthly_targets', 'annual_times_elapsed'] as const;
export type PlanBasis = (typeof PLAN_BASES)[number];

/** The monthly report (月报) is due on `due_day` of the reported month or of the next one (Lishui the 5th next, Jiujiang the 25th same). */
export interface ReportRule {
  due_day: number;
  due_month: 'same' | 'next';
}

/**
 * A target by size class (county 2023): projects of these phases whose total investment is at or
 * above `min_total_wan` and below `below_total_wan` must reach a share of the year's construction
 * task (completed ÷ annual plan), or be basically finished within the year.
 */
export interface SizeClassTarget {
  id: string;
  name: LocalName;
  phases: Phase[];
  min_total_wan?: number;
  below_total_wan?: number;
  target: { kind: 'annual_plan_share'; min_share: number } | { kind: 'finish_within_year' };
}

/**
 * A programme-wide target: the start rate of new projects (of some levels: county 2023, the
 * county key projects, ≥ 83%); the reserve pipeline's total investment as a multiple of the
 * year's (county 2023: ≥ 5×); investment completed per year (Jiujiang ≥ 300亿 = 3,000,000万).
 */
export type ProgrammeTarget =
  | { id: string; name: LocalName; kind: 'start_rate'; min_share: number; levels?: ProjectLevel[] }
  | { id: string; name: LocalName; kind: 'reserve_multiple'; min_multiple: number }
  | { id: string; name: LocalName; kind: 'annual_completed'; min_wan: number; years?: number[] };

export const DAY_KINDS = ['working', 'calendar'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/**
 * An approval time limit (Guiyang: 80 working days; county: low-risk small projects 20), counted
 * in China's working days (working-days.ts) from the clock's start to the approval's date.
 * `low_risk_only` and `max_total_wan` narrow the projects it applies to.
 */
export interface ApprovalLimit {
  id: string;
  name: LocalName;
  working_days: number;
  /** Each approval on its own, or all of a project's approvals together. */
  counts: 'each_approval' | 'all_approvals';
  low_risk_only: boolean;
  max_total_wan?: number;
}

/** A project ready to start (approvals done) without real progress for `months_without_progress` months running is flagged (county 2023: 2 months → loses its approval and land quota). */
export interface StalledRule {
  phases: Phase[];
  months_without_progress: number;
  requires_approvals_done: boolean;
  consequence: 'flag' | 'revoke_approval_and_land_quota';
}

/** Lishui: each missed monthly target earns warnings and demerit points in the monthly bulletin. */
export interface MissedTargetPenalty {
  /** Points behind the month's target that still count as met (0: any shortfall is a miss). */
  tolerance_points: number;
  warnings_per_miss: number;
  demerit_points_per_miss: number;
}

export const LEADER_RANKS = ['city_leader', 'county_leader', 'key_department', 'other_department'] as const;
export type LeaderRank = (typeof LEADER_RANKS)[number];

/** Lishui (万元): each rank leads at least one project at or above these. */
export interface LeaderThreshold {
  rank: LeaderRank;
  industry_min: number;
  infrastructure_min: number;
  /** Minimum for a project of any sector (departments); absent for leaders, who are bound by the two above. */
  any_min?: number;
}

/** Metrics a league table ranks on: ids of metrics/definitions.ts (approvals_on_time: league/approvals-on-time.ts), with which way is better. */
export const LEAGUE_METRICS = {
  completion_rate: 'higher',
  gap_points: 'higher',
  start_rate: 'higher',
  finish_rate: 'higher',
  approvals_rate: 'higher',
  approvals_on_time: 'higher',
  stat_registered_rate: 'higher',
  problem_close_rate: 'higher',
  reports_late_rate: 'lower'
} as const;
export type LeagueMetric = keyof typeof LEAGUE_METRICS;

/** A group ranked apart (Mianyang: counties and parks; city departments and state companies). */
export interface RankingSequence {
  id: string;
  name: LocalName;
  /** Districts by their admin code, or responsible units by the lead unit. */
  unit: 'district' | 'lead_unit';
  /** The members by code (districts) or name (units); absent: every one of that kind in the data. */
  members?: string[];
}

/** Points by rank position (ranks 1–3: 7, 4–6: 5, 7–10: 3); ranks outside every band get 0. */
export interface RankPointsBand {
  from_rank: number;
  to_rank: number;
  points: number;
}

/**
 * One item of the composite score: `value` scores weight × the metric's value, `rank_points`
 * scores weight × the points of the unit's rank on the metric; `cap` bounds the item to ±cap.
 */
export interface CompositeItem {
  metric: LeagueMetric;
  weight: number;
  score: 'value' | 'rank_points';
  cap?: number;
}

/** What "met its target" means for the red and black lists: a metric at or beyond a threshold. */
export interface TargetMet {
  metric: LeagueMetric;
  min: number;
}

export interface RedList {
  size: number;
  /** Only units that met their target may enter. */
  requires_target_met: boolean;
}

export interface BlackList {
  size: number;
  /** Only units that missed their target may enter (a unit that met it never does). */
  requires_target_missed: boolean;
}

/** League tables (排名): how often, who against whom, on what, and the red-and-black list. */
export interface RankingRule {
  period: 'month' | 'quarter';
  /** Units with fewer projects are listed apart, unranked. */
  min_projects: number;
  sequences: RankingSequence[];
  composite: { items: CompositeItem[]; rank_points?: RankPointsBand[] };
  target_met: TargetMet;
  red_list?: RedList;
  black_list?: BlackList;
}

/**
 * When an escalation step is reached, and on what date (so the next step can count from it):
 * - `raised`: when the problem is raised (raised_on);
 * - `overdue`: when it is still unsettled the day after its deadline;
 * - `notices`: when it has had at least `notices` notices (the ledger keeps counts, not dates: a
 *   step that counts days after it cannot be dated, and rules/data-needs.ts says so);
 * - `days_at_previous_step`: `days` working (rules/working-days.ts) or calendar days after the step
 *   before was reached;
 * - `month_end`: the last day of the month in which the step before was reached.
 * A settled problem reaches no further step.
 */
export type EscalationTrigger =
  | { kind: 'raised' }
  | { kind: 'overdue' }
  | { kind: 'notices'; notices: number }
  | { kind: 'days_at_previous_step'; days: number; day_kind: DayKind }
  | { kind: 'month_end' };

export const ESCALATION_ACTIONS = ['handle', 'notice', 'letter', 'interview', 'coordinate', 'meeting', 'report'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

/** One rung of the ladder: who acts, doing what, to whom, and when it is reached. */
export interface EscalationStep {
  id: string;
  actor: LocalName;
  action: EscalationAction;
  /** Who is summoned or written to, when the action has one (the unit's head). */
  addressee?: LocalName;
  /** The ledger's level of a problem at this step, when the plan's ladder maps onto it. */
  level?: ProblemLevel;
  when: EscalationTrigger;
}

/** The problem ledger's escalation ladder, lowest step first (issue 19). */
export interface EscalationRule {
  steps: EscalationStep[];
}

/**
 * Guiyang: each month every district gets a task notice listing its projects with lagging
 * approvals (some still outstanding past the approval limit, or at all where there is none) and
 * those not registered in the statistics database (入库).
 */
export const TASK_NOTICE_ITEMS = ['lagging_approvals', 'unregistered'] as const;
export type TaskNoticeItem = (typeof TASK_NOTICE_ITEMS)[number];

export interface TaskNoticeRule {
  items: TaskNoticeItem[];
  per: 'district' | 'lead_unit';
}

/** How often the project office publishes its bulletin (通报): monthly, or every half month (Guiyang). */
export interface BulletinRule {
  every: 'month' | 'half_month';
}

/** A plan's rules. Optional sections are rules the plan does not have. */
export interface RulePreset {
  id: string;
  name: LocalName;
  /** The document the rules come from. */
  source: string;
  rag: RagRule;
  plan_basis: PlanBasis;
  reports: ReportRule;
  /** Values the preset had to choose because the plan does not state them. */
  invented?: string[];
  size_class_targets?: SizeClassTarget[];
  programme_targets?: ProgrammeTarget[];
  approval_limits?: ApprovalLimit[];
  stalled?: StalledRule;
  missed_target_penalty?: MissedTargetPenalty;
  leader_thresholds?: LeaderThreshold[];
  ranking?: RankingRule;
  escalation?: EscalationRule;
  task_notices?: TaskNoticeRule;
  bulletin?: BulletinRule;
}
