/** County 2023 (seed 001): size-class targets, start rate, reserve pipeline, stalled projects, 20-working-day approvals, 一通报两约谈. */
import type { RulePreset } from '../preset-schema.ts';
import { DEFAULT_RAG, noticeInterviewLadder, SCORING_SHEET_INVENTED, scoringSheet } from './common.ts';

export const COUNTY_2023_PRESET: RulePreset = {
  id: 'county-2023',
  name: { zh: '2023年县重点项目', en: 'County key projects 2023' },
  source: '2023年县重点项目推进方案（种子文件 001）',
  rag: DEFAULT_RAG,
  plan_basis: 'annual_times_elapsed',
  reports: { due_day: 5, due_month: 'next' },
  invented: ['Monthly reports due the 5th of the next month (the plan gives no day).', SCORING_SHEET_INVENTED],
  size_class_targets: [
    {
      id: 'new-ge3000',
      name: { zh: '新开工3000万元以上项目完成年度建设任务60%', en: 'New ≥ 3,000万: 60% of the year’s construction task' },
      phases: ['new'],
      min_total_wan: 3000,
      target: { kind: 'annual_plan_share', min_share: 0.6 }
    },
    {
      id: 'continuing-ge3000',
      name: { zh: '续建3000万元以上项目完成年度建设任务90%', en: 'Continuing ≥ 3,000万: 90% of the year’s construction task' },
      phases: ['continuing'],
      min_total_wan: 3000,
      target: { kind: 'annual_plan_share', min_share: 0.9 }
    },
    {
      id: 'lt1000',
      name: { zh: '1000万元以下项目当年基本完工', en: 'Under 1,000万: basically finished within the year' },
      phases: ['new', 'continuing', 'completion'],
      below_total_wan: 1000,
      target: { kind: 'finish_within_year' }
    },
    {
      id: 'continuing-lt3000',
      name: { zh: '续建3000万元以下项目当年基本完工', en: 'Continuing under 3,000万: basically finished within the year' },
      phases: ['continuing'],
      below_total_wan: 3000,
      target: { kind: 'finish_within_year' }
    }
  ],
  programme_targets: [
    {
      id: 'county-key-start-rate',
      name: { zh: '县重点项目开工率', en: 'Start rate of the county key projects' },
      kind: 'start_rate',
      min_share: 0.83,
      levels: ['county']
    },
    {
      id: 'reserve-5x',
      name: { zh: '储备项目总投资不低于年度投资5倍', en: 'Reserve pipeline ≥ 5 × the annual investment' },
      kind: 'reserve_multiple',
      min_multiple: 5
    }
  ],
  approval_limits: [
    {
      id: 'low-risk-20',
      name: { zh: '低风险小型项目审批不超过20个工作日', en: 'Low-risk small projects: approvals within 20 working days' },
      working_days: 20,
      counts: 'all_approvals',
      low_risk_only: true
    }
  ],
  stalled: { phases: ['new'], months_without_progress: 2, requires_approvals_done: true, consequence: 'revoke_approval_and_land_quota' },
  ranking: scoringSheet('month'),
  escalation: {
    steps: noticeInterviewLadder(
      { zh: '县重点项目办', en: 'the county key-project office' },
      { zh: '分管副县长', en: 'the deputy county head in charge' },
      { zh: '县政府主要负责人', en: 'the county head' }
    )
  }
};
