/**
 * Pieces the plans share: the default rules, the scoring sheet used where a plan publishes none,
 * and the county's "one notice, two interviews" ladder that other plans borrow.
 */
import type { EscalationStep, RankingRule, RulePreset } from '../preset-schema.ts';

/** Green at or above plan, amber up to 10 points behind, red beyond (../shared/domain.md). */
export const DEFAULT_RAG: RulePreset['rag'] = { basis: 'points_behind', green_max_points_behind: 0, amber_max_points_behind: 10 };

const UNIT_HEAD = { zh: '责任单位主要负责人', en: "the responsible unit's head" };

/** County 2023 一通报两约谈: a notice; after two notices the deputy head summons the unit's head; after three, the principal head. */
export function noticeInterviewLadder(
  office: { zh: string; en: string },
  deputy: { zh: string; en: string },
  principal: { zh: string; en: string }
): EscalationStep[] {
  return [
    { id: 'notice', actor: office, action: 'notice', addressee: { zh: '责任单位', en: 'the responsible unit' }, when: { kind: 'overdue' } },
    { id: 'deputy-interview', actor: deputy, action: 'interview', addressee: UNIT_HEAD, when: { kind: 'notices', notices: 2 } },
    { id: 'principal-interview', actor: principal, action: 'interview', addressee: UNIT_HEAD, when: { kind: 'notices', notices: 3 } }
  ];
}

/**
 * A scoring sheet of the kind published elsewhere (../shared/domain.md, "Practice elsewhere"):
 * completion against 序时进度 scored by value (half a point per point ahead or behind, capped at
 * ±10), the other metrics by rank position (ranks 1–3: 7, 4–6: 5, 7–10: 3); the red list the top
 * 5 that met their target, the black list the bottom 4 that missed it (Mianyang); districts and
 * responsible units ranked apart.
 */
export function scoringSheet(period: RankingRule['period']): RankingRule {
  return {
    period,
    min_projects: 3,
    sequences: [
      { id: 'districts', name: { zh: '县（市、区）和园区', en: 'Districts and parks' }, unit: 'district' },
      { id: 'units', name: { zh: '市直部门和国有企业', en: 'City departments and state companies' }, unit: 'lead_unit' }
    ],
    composite: {
      items: [
        { metric: 'gap_points', weight: 0.5, score: 'value', cap: 10 },
        { metric: 'start_rate', weight: 1, score: 'rank_points' },
        { metric: 'finish_rate', weight: 1, score: 'rank_points' },
        { metric: 'approvals_rate', weight: 1, score: 'rank_points' },
        { metric: 'stat_registered_rate', weight: 1, score: 'rank_points' },
        { metric: 'problem_close_rate', weight: 1, score: 'rank_points' },
        { metric: 'reports_late_rate', weight: 0.5, score: 'rank_points' }
      ],
      rank_points: [
        { from_rank: 1, to_rank: 3, points: 7 },
        { from_rank: 4, to_rank: 6, points: 5 },
        { from_rank: 7, to_rank: 10, points: 3 }
      ]
    },
    target_met: { metric: 'gap_points', min: 0 },
    red_list: { size: 5, requires_target_met: true },
    black_list: { size: 4, requires_target_missed: true }
  };
}

/** The ranking with one more composite item at the end. */
export function withItem(ranking: RankingRule, item: RankingRule['composite']['items'][number]): RankingRule {
  return { ...ranking, composite: { ...ranking.composite, items: [...ranking.composite.items, item] } };
}

export const SCORING_SHEET_INVENTED =
  'League table: the plan publishes no scoring sheet; weights, caps, rank points and the red-and-black list sizes follow published practice elsewhere (Mianyang, scoring sheets with rank points).';

/** The rules a dataset gets when nobody has stated its plan's: ingest's new datasets, the bench. */
export const DEFAULT_PRESET: RulePreset = {
  id: 'default',
  name: { zh: '默认规则', en: 'Default rules' },
  source: 'Command Map defaults (../shared/domain.md, "Rules the seeds state")',
  rag: DEFAULT_RAG,
  plan_basis: 'monthly_targets',
  reports: { due_day: 5, due_month: 'next' },
  ranking: scoringSheet('month')
};
