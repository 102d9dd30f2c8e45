/** Lishui (seed 002): monthly targets per project, a warning and demerit points per missed target, leader-led thresholds, a five-rung escalation. */
import type { LeaderThreshold, RulePreset } from '../preset-schema.ts';
import { DEFAULT_RAG, SCORING_SHEET_INVENTED, scoringSheet } from './common.ts';

/** 万元: city leaders one industrial ≥ 20亿 or infrastructure ≥ 50亿; county leaders ≥ 10亿 / ≥ 20亿; key departments ≥ 10亿; other departments ≥ 3亿. */
export const LISHUI_THRESHOLDS: LeaderThreshold[] = [
  { rank: 'city_leader', industry_min: 200_000, infrastructure_min: 500_000 },
  { rank: 'county_leader', industry_min: 100_000, infrastructure_min: 200_000 },
  { rank: 'key_department', industry_min: 100_000, infrastructure_min: 100_000, any_min: 100_000 },
  { rank: 'other_department', industry_min: 30_000, infrastructure_min: 30_000, any_min: 30_000 }
];

const after10 = { kind: 'days_at_previous_step', days: 10, day_kind: 'working' } as const;

export const LISHUI_2018_PRESET: RulePreset = {
  id: 'lishui-2018',
  name: { zh: '丽水市重点建设项目', en: 'Lishui key construction projects' },
  source: '丽水市重大项目推进工作实施方案（种子文件 002）',
  rag: DEFAULT_RAG,
  plan_basis: 'monthly_targets',
  reports: { due_day: 5, due_month: 'next' },
  invented: [
    'One demerit point per missed monthly target (the plan names warnings and demerit points, not how many).',
    'Escalation: 10 working days at each rung before the next (the plan gives the ladder, not the days).',
    SCORING_SHEET_INVENTED
  ],
  missed_target_penalty: { tolerance_points: 0, warnings_per_miss: 1, demerit_points_per_miss: 1 },
  leader_thresholds: LISHUI_THRESHOLDS,
  ranking: scoringSheet('month'),
  escalation: {
    steps: [
      { id: 'owner', actor: { zh: '项目业主', en: 'the project owner' }, action: 'handle', level: 'owner', when: { kind: 'raised' } },
      { id: 'project-office', actor: { zh: '市重大项目办', en: 'the project office' }, action: 'coordinate', when: after10 },
      { id: 'leading-official', actor: { zh: '领办领导', en: 'the leading official' }, action: 'coordinate', when: after10 },
      { id: 'leading-group', actor: { zh: '市重大项目建设领导小组', en: 'the leading group' }, action: 'meeting', when: after10 },
      {
        id: 'executive-meeting',
        actor: { zh: '市政府常务会议', en: 'the government executive meeting' },
        action: 'meeting',
        level: 'city_government',
        when: after10
      }
    ]
  }
};
