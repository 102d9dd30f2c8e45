/** Liuzhou 2022 (seed 003): no ranking or escalation rule of its own; the defaults, with the county ladder borrowed. */
import type { RulePreset } from '../preset-schema.ts';
import { DEFAULT_RAG, noticeInterviewLadder, SCORING_SHEET_INVENTED, scoringSheet } from './common.ts';

export const LIUZHOU_2022_PRESET: RulePreset = {
  id: 'liuzhou-2022',
  name: { zh: '柳州市2022年市级层面统筹推进重大项目', en: 'Liuzhou 2022 city-level major projects' },
  source: '柳州市2022年市级层面统筹推进重大项目实施方案（柳政办〔2022〕5号）',
  rag: DEFAULT_RAG,
  plan_basis: 'annual_times_elapsed',
  reports: { due_day: 5, due_month: 'next' },
  invented: [
    'Monthly reports due the 5th of the next month (information officers report monthly; the plan gives no day).',
    'Escalation: the county 2023 "one notice, two interviews" ladder, borrowed.',
    SCORING_SHEET_INVENTED
  ],
  ranking: scoringSheet('month'),
  escalation: {
    steps: noticeInterviewLadder(
      { zh: '市重大项目办', en: 'the city major-project office' },
      { zh: '分管副市长', en: 'the deputy mayor in charge' },
      { zh: '市政府主要负责人', en: 'the mayor' }
    )
  }
};
