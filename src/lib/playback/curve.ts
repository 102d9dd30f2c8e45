/**
 * The cumulative plan-against-actual curve over the programme: for each data month, investment
 * completed since the programme began and the plan to date, in 万元. Year-to-date figures restart
 * each January, so a month adds the December figure of every earlier year with data. Both come
 * from the metrics (completed_ytd, and plan to date = completed_ytd − gap_wan) over the summary.
 */
import type { MetricRules } from '../metrics/preset.ts';
import { summaryMetrics, type PlaybackSummary, type SummaryScope } from './summary.ts';

export interface PlaybackCurve {
  /** By data month: completed since the start, and planned to date since the start, in 万元 (null without a plan). */
  actual: (number | null)[];
  planned: (number | null)[];
}

export function playbackCurve(s: PlaybackSummary, rules: MetricRules, scope: SummaryScope = {}): PlaybackCurve {
  const actual: (number | null)[] = [];
  const planned: (number | null)[] = [];
  let doneBefore = 0;
  let planBefore = 0;
  s.months.forEach((key, m) => {
    const row = summaryMetrics(s, m, ['completed_ytd', 'gap_wan'], rules, scope);
    const done = row.completed_ytd === null ? null : Number(row.completed_ytd);
    const gap = row.gap_wan === null ? null : Number(row.gap_wan);
    actual.push(done === null ? null : doneBefore + done);
    planned.push(done === null || gap === null ? null : planBefore + done - gap);
    // The year's last month with data closes the year: its year-to-date figures carry into the next.
    const next = s.months[m + 1];
    if (!next || next.slice(0, 4) !== key.slice(0, 4)) {
      doneBefore += done ?? 0;
      planBefore += done !== null && gap !== null ? done - gap : 0;
    }
  });
  return { actual, planned };
}
