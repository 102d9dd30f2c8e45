/** Jiujiang 2021–2023 (seed 004): ≥ 300亿 completed a year, reports due the 25th, a ranking every quarter (一季一排位), a red-and-black list. */
import type { RulePreset } from '../preset-schema.ts';
import { DEFAULT_RAG, noticeInterviewLadder, SCORING_SHEET_INVENTED, scoringSheet } from './common.ts';

export const JIUJIANG_2021_2023_PRESET: RulePreset = {
  id: 'jiujiang-2021-2023',
  name: { zh: '九江市“城建项目大会战”', en: 'Jiujiang city construction campaign' },
  source: '九江市“城建项目大会战”（2021—2023年）实施方案（种子文件 004）',
  rag: DEFAULT_RAG,
  plan_basis: 'annual_times_elapsed',
  reports: { due_day: 25, due_month: 'same' },
  invented: ['Escalation: the county 2023 "one notice, two interviews" ladder, borrowed.', SCORING_SHEET_INVENTED],
  programme_targets: [
    {
      id: 'completed-300yi',
      name: { zh: '每年完成投资300亿元以上', en: '≥ 300亿 completed each year' },
      kind: 'annual_completed',
      min_wan: 3_000_000,
      years: [2021, 2022, 2023]
    }
  ],
  ranking: scoringSheet('quarter'),
  escalation: {
    steps: noticeInterviewLadder(
      { zh: '市城建项目大会战指挥部', en: 'the campaign headquarters' },
      { zh: '分管副市长', en: 'the deputy mayor in charge' },
      { zh: '市政府主要负责人', en: 'the mayor' }
    )
  }
};
