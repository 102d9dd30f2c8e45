/**
 * Run by tsx from league-plan-rules.spec.ts (Playwright's loader cannot import the holiday
 * calendar's JSON): writes the SQL of a preset's approval limit as at a month
 * (league/approval-limits.ts over the whole holiday calendar), for the page's DuckDB to run.
 * Arguments: preset id, limit index, month (YYYY-MM).
 */
import { approvalLimitQuery } from '../../src/lib/league/approval-limits.ts';
import { PLAN_PRESETS } from '../../src/lib/rules/presets/index.ts';
import { CALENDAR_YEARS } from '../../src/lib/rules/working-days.ts';

const [presetId, index, month] = process.argv.slice(2);
const limit = PLAN_PRESETS.find((p) => p.id === presetId)!.approval_limits![Number(index)];
process.stdout.write(String(approvalLimitQuery(month, limit, CALENDAR_YEARS.first)));
