/** Guiyang 2021 (seed 000): approvals within 80 working days; problems go district → city task force → city government → province. */
import type { RulePreset } from '../preset-schema.ts';
import { DEFAULT_RAG, SCORING_SHEET_INVENTED, scoringSheet, withItem } from './common.ts';

export const GUIYANG_2021_PRESET: RulePreset = {
  id: 'guiyang-2021',
  name: { zh: '2021年贵阳市省重大工程和重点项目', en: 'Guiyang 2021 provincial major projects' },
  source: '2021年贵阳市省重大工程和重点项目推进计划（种子文件 000）',
  rag: DEFAULT_RAG,
  plan_basis: 'annual_times_elapsed',
  reports: { due_day: 5, due_month: 'next' },
  invented: [
    'Monthly reports due the 5th of the next month (the plan gives no day).',
    'Escalation: 10 working days at the district and 20 at the city government before the next step (the plan gives the ladder, not the days).',
    SCORING_SHEET_INVENTED
  ],
  approval_limits: [
    {
      id: 'approvals-80',
      name: { zh: '前期手续80个工作日内办结', en: 'Approvals within 80 working days' },
      working_days: 80,
      counts: 'all_approvals',
      low_risk_only: false
    }
  ],
  // The plan commits to the 80 working days but publishes no scoring sheet: approvals on time is ranked, weighted 0 (weights editable on screen).
  ranking: withItem(scoringSheet('month'), { metric: 'approvals_on_time', weight: 0, score: 'rank_points' }),
  task_notices: { items: ['lagging_approvals', 'unregistered'], per: 'district' },
  bulletin: { every: 'half_month' },
  escalation: {
    steps: [
      { id: 'district', actor: { zh: '区（市、县）', en: 'the district' }, action: 'handle', level: 'district', when: { kind: 'raised' } },
      {
        id: 'city-taskforce',
        actor: { zh: '市项目专班', en: 'the city task force' },
        action: 'letter',
        addressee: { zh: '市直相关部门', en: 'the city departments concerned' },
        level: 'city_taskforce',
        when: { kind: 'days_at_previous_step', days: 10, day_kind: 'working' }
      },
      {
        id: 'city-government',
        actor: { zh: '市人民政府', en: 'the city government' },
        action: 'coordinate',
        level: 'city_government',
        when: { kind: 'month_end' }
      },
      {
        id: 'province',
        actor: { zh: '省（州）', en: 'the province' },
        action: 'report',
        level: 'province',
        when: { kind: 'days_at_previous_step', days: 20, day_kind: 'working' }
      }
    ]
  }
};
