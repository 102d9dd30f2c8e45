/**
 * Monthly returns (月报): completed investment per project and month, in long form (a 月份
 * column) or wide form (one column per month, "1月" … "12月"). Rows are matched to projects by
 * id, else by exact name, and merged into monthly.parquet rows; unmatched rows are reported.
 */
import type { Row } from '../lib/dataset-writer.ts';
import type { Column, Layout } from './detect-layout.ts';
import { classifyRow } from './detect-layout.ts';
import { formulaErrorIssues, withoutFollowOns } from './formula-errors.ts';
import type { Field } from './header-map.ts';
import type { Issue, Reason, Warning } from './issues.ts';
import {
  centsToMoney,
  fitsRange,
  impreciseMessage,
  MAX_METRIC_CENTS,
  moneyToCents,
  outOfRangeMessage,
  parseAmount
} from './parse-amount.ts';
import { cellText, monthEnd, parseDate, parseMonth } from './parse-date.ts';
import { isErrorCell, type SheetGrid } from './read-workbook.ts';
import { describeYears, type PlanYears } from './plan-years.ts';
import { cleanText, nameKey, toHalfWidth } from './text.ts';

export interface MonthlyReturn {
  src: { file: string; sheet: string; row: number; column: string | null; header: string | null };
  /** Columns to blame: the project reference (id, else name) and the cumulative figure. */
  refCol: { column: string | null; header: string | null };
  ytdCol: { column: string | null; header: string | null };
  id: string | null;
  name: string | null;
  month: string;
  completedMonthCents: bigint | null;
  completedYtdCents: bigint | null;
  plannedYtdCents: bigint | null;
  physicalProgress: number | null;
  physicalNote: string | null;
  reportedOn: string | null;
  /** The return says it never arrived (填报日期 "未报"): reported_on stays null. */
  notReported?: boolean;
  note: string | null;
}

/** "60%", 60, 0.6 (a percent-formatted cell) → 60; milestone text → null. */
export function parseProgress(value: unknown, text: string | null): number | null {
  if (value === null || value === undefined) return null;
  const t = toHalfWidth(String(text ?? value)).replace(/\s+/g, '');
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return Math.round(Number(pct[1]));
  if (typeof value === 'number') return Math.round(value <= 1 && !Number.isInteger(value) ? value * 100 : value);
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t));
  return null;
}

/** The issue for a month outside the plan's years, naming them and the months allowed. */
function outsidePlan(month: string, plan: PlanYears): string {
  const [first, last] = [plan.years[0], plan.years[plan.years.length - 1]];
  return `${month.slice(0, 7)} is outside the plan's year${plan.years.length > 1 ? 's' : ''} ${describeYears(plan.years)}: a return must be for a month from ${first}-01 to ${last}-12 (a typo in the year?)`;
}

export function readMonthlySheet(file: string, sheet: SheetGrid, layout: Layout, plan: PlanYears) {
  const year = plan.year;
  const returns: MonthlyReturn[] = [];
  const issues: Issue[] = [];
  const warnings: Warning[] = [];
  const colOf = (f: Field) => layout.byField.get(f);
  for (let r = layout.dataStart; r < sheet.values.length; r++) {
    const kind = classifyRow(sheet, r, layout);
    if (kind.kind !== 'data') continue;
    const row1 = r + 1;
    const at = (c: Column | undefined) => {
      const v = c ? (sheet.values[r][c.index] ?? null) : null;
      return isErrorCell(v) ? null : v;
    };
    const textAt = (c: Column | undefined) => (c ? (sheet.texts[r][c.index] ?? null) : null);
    const rowIssues: Issue[] = formulaErrorIssues(file, sheet, r, layout.columns);
    const issue = (reason: Reason, c: Column | undefined, message: string, value?: unknown) =>
      rowIssues.push({
        file,
        sheet: sheet.name,
        row: row1,
        column: c?.letter ?? null,
        header: c?.header ?? null,
        reason,
        message,
        ...(value != null ? { value: String(value) } : {})
      });
    const id = cleanText(String(textAt(colOf('id')) ?? '')) || null;
    const name = cleanText(String(at(colOf('name')) ?? '')) || null;
    if (!id && !name) issue('missing_name', colOf('name'), 'the row names no project (项目编号 or 项目名称)');
    const amount = (c: Column | undefined): bigint | null => {
      const v = at(c);
      const res = parseAmount(v, c?.meaning?.unit ?? layout.unit);
      if (!res.ok) return (issue('bad_amount', c, res.reason, v), null);
      if (res.cents !== null && res.cents < 0n) return (issue('negative_amount', c, `${c?.header} is negative`, v), null);
      if (res.cents !== null && !fitsRange(res.cents, MAX_METRIC_CENTS))
        return (issue('amount_out_of_range', c, outOfRangeMessage(c?.header, res.cents, MAX_METRIC_CENTS), v), null);
      if (res.imprecise)
        warnings.push({ file, sheet: sheet.name, row: row1, column: c!.letter, header: c!.header, message: impreciseMessage(v) });
      return res.cents;
    };
    const ref = colOf('id') && id ? colOf('id') : colOf('name');
    const ytdC = colOf('completed_ytd') ?? colOf('completed_month');
    const base = {
      refCol: { column: ref?.letter ?? null, header: ref?.header ?? null },
      ytdCol: { column: ytdC?.letter ?? null, header: ytdC?.header ?? null },
      id,
      name,
      physicalProgress: parseProgress(at(colOf('physical_progress')), textAt(colOf('physical_progress'))),
      physicalNote: cleanText(String(at(colOf('physical_note')) ?? '')) || null,
      note: cleanText(String(at(colOf('note')) ?? '')) || null
    };
    const progressText = at(colOf('physical_progress'));
    if (progressText !== null && base.physicalProgress === null) base.physicalNote ??= cleanText(String(progressText));
    let reportedOn: string | null = null;
    const repCol = colOf('reported_on');
    let notReported = false;
    if (repCol && /^(未报|未填报|缺报|未上报)$/.test(cleanText(String(at(repCol) ?? '')))) notReported = true;
    else if (repCol && at(repCol) !== null) {
      const d = parseDate(typeof at(repCol) === 'number' ? textAt(repCol) : at(repCol));
      if (d.ok) reportedOn = d.date;
      else issue(d.serial ? 'bad_date_serial' : 'unparseable_date', repCol, d.reason, cellText(at(repCol)));
    }
    const monthCol = colOf('month');
    if (monthCol) {
      const v = at(monthCol);
      const m = parseMonth(typeof v === 'number' && !Number.isInteger(v) ? textAt(monthCol) : v, year);
      if (!m.ok) issue(m.serial ? 'bad_date_serial' : 'missing_month', monthCol, m.reason, cellText(v));
      else if (!plan.years.includes(Number(m.month.slice(0, 4)))) issue('month_outside_plan', monthCol, outsidePlan(m.month, plan), v);
      const rec: MonthlyReturn = {
        src: { file, sheet: sheet.name, row: row1, column: monthCol.letter, header: monthCol.header },
        ...base,
        month: m.ok ? m.month : '',
        reportedOn,
        notReported,
        completedMonthCents: amount(colOf('completed_month')),
        completedYtdCents: amount(colOf('completed_ytd')),
        plannedYtdCents: amount(colOf('planned_ytd'))
      };
      if (rec.completedMonthCents === null && rec.completedYtdCents === null && !rowIssues.length) {
        issue('missing_amount', colOf('completed_month') ?? colOf('completed_ytd'), 'no completed investment (本月完成 / 累计完成)');
      }
      if (!rowIssues.length) returns.push(rec);
    } else {
      for (const c of layout.monthColumns) {
        const y = c.meaning?.year ?? year;
        const cents = amount(c);
        if (cents === null) continue;
        const month = `${y}-${String(c.meaning!.monthOfYear).padStart(2, '0')}-01`;
        if (!plan.years.includes(y)) {
          issue('month_outside_plan', c, outsidePlan(month, plan));
          continue;
        }
        returns.push({
          src: { file, sheet: sheet.name, row: row1, column: c.letter, header: c.header },
          ...base,
          month,
          reportedOn,
          completedMonthCents: c.meaning?.cumulative ? null : cents,
          completedYtdCents: c.meaning?.cumulative ? cents : null,
          plannedYtdCents: null
        });
      }
    }
    issues.push(...withoutFollowOns(rowIssues));
  }
  return { returns, issues, warnings };
}

export interface MergeResult {
  rows: Row[];
  issues: Issue[];
  warnings: Warning[];
  matched: number;
  defaultsUsed: Set<string>;
}

/**
 * Matches returns to projects and merges them with the dataset's earlier monthly rows (a new
 * return replaces the same project and month). Derives the missing one of completed_month /
 * completed_ytd from the previous month, planned_ytd from annual_plan × month / 12.
 */
export function mergeMonthly(returns: MonthlyReturn[], projects: Row[], existing: Row[]): MergeResult {
  const issues: Issue[] = [];
  const warnings: Warning[] = [];
  const defaultsUsed = new Set<string>();
  const byId = new Map(projects.map((p) => [String(p.id), p]));
  const byName = new Map<string, Row[]>();
  for (const p of projects) {
    const k = nameKey(String(p.name));
    byName.set(k, [...(byName.get(k) ?? []), p]);
  }
  type Entry = { projectId: string; month: string; ret?: MonthlyReturn; old?: Row };
  const entries = new Map<string, Entry>();
  for (const old of existing) {
    if (!byId.has(String(old.project_id))) continue;
    entries.set(`${old.project_id}|${old.month}`, { projectId: String(old.project_id), month: String(old.month), old });
  }
  let matched = 0;
  for (const ret of returns) {
    let project = ret.id ? byId.get(ret.id) : undefined;
    if (!project && ret.name) {
      const hits = byName.get(nameKey(ret.name)) ?? [];
      if (hits.length === 1) project = hits[0];
      if (hits.length > 1) warnings.push({ ...ret.src, message: `name "${ret.name}" matches ${hits.length} projects; give the 项目编号` });
    }
    if (!project) {
      issues.push({
        ...ret.src,
        ...ret.refCol,
        reason: 'unmatched_project',
        message: `no project with ${ret.id ? `id "${ret.id}"` : ''}${ret.id && ret.name ? ' or ' : ''}${ret.name ? `name "${ret.name}"` : ''}`
      });
      continue;
    }
    matched++;
    const key = `${project.id}|${ret.month}`;
    const prev = entries.get(key);
    if (prev?.ret)
      warnings.push({
        ...ret.src,
        message: `a second return for ${project.id} ${ret.month.slice(0, 7)} replaces the one in ${prev.ret.src.sheet} row ${prev.ret.src.row}`
      });
    entries.set(key, { projectId: String(project.id), month: ret.month, ret });
  }
  const rows: Row[] = [];
  const byProject = new Map<string, Entry[]>();
  for (const e of entries.values()) byProject.set(e.projectId, [...(byProject.get(e.projectId) ?? []), e]);
  for (const [pid, list] of byProject) {
    list.sort((a, b) => a.month.localeCompare(b.month));
    const project = byId.get(pid)!;
    const annual = moneyToCents(String(project.annual_plan));
    let prevYtd = 0n;
    let prevMonth: string | null = null;
    let prevProgress = 0;
    for (const e of list) {
      if (e.old && !e.ret) {
        rows.push(e.old);
        prevYtd = moneyToCents(String(e.old.completed_ytd));
        prevMonth = e.month;
        prevProgress = Number(e.old.physical_progress);
        continue;
      }
      const r = e.ret!;
      const m = Number(e.month.slice(5, 7));
      const sameYear = prevMonth !== null && prevMonth.slice(0, 4) === e.month.slice(0, 4);
      const base = sameYear ? prevYtd : 0n;
      const gap = m > 1 && (!sameYear || Number(prevMonth!.slice(5, 7)) !== m - 1);
      let ytd = r.completedYtdCents;
      let month = r.completedMonthCents;
      if (ytd === null) {
        ytd = base + (month ?? 0n);
        if (gap)
          warnings.push({
            ...r.src,
            message: `no return for ${e.month.slice(0, 4)}-${String(m - 1).padStart(2, '0')}: completed_ytd counts only the months reported`
          });
      } else if (month === null) {
        month = ytd - base;
        if (gap)
          warnings.push({
            ...r.src,
            message: `no return for the previous month: completed_month is this year's cumulative less the last reported one`
          });
      } else if (!gap && ytd !== base + month) {
        warnings.push({
          ...r.src,
          message: `本月完成 ${centsToMoney(month)} + previous cumulative ${centsToMoney(base)} ≠ 累计完成 ${centsToMoney(ytd)}`
        });
      }
      if (!fitsRange(ytd, MAX_METRIC_CENTS)) {
        issues.push({
          ...r.src,
          ...r.ytdCol,
          reason: 'amount_out_of_range',
          message: outOfRangeMessage('累计完成', ytd, MAX_METRIC_CENTS)
        });
        continue;
      }
      // a wide return's month column is itself the cumulative or monthly figure
      const figureCol = r.src.column && r.src.header && /月/.test(r.src.header) && !/月份/.test(r.src.header) ? {} : r.ytdCol;
      if (sameYear && ytd < prevYtd)
        warnings.push({
          ...r.src,
          ...figureCol,
          check: 'ytd_decreasing',
          message: `累计完成 ${centsToMoney(ytd)} is below ${prevMonth!.slice(0, 7)}'s ${centsToMoney(prevYtd)} 万元: a statistical revision, or a typo? 本月完成 is taken as 0`
        });
      const total = moneyToCents(String(project.total_investment));
      const before = moneyToCents(String(project.invested_before ?? '0'));
      if (before + ytd > total)
        warnings.push({
          ...r.src,
          ...figureCol,
          check: 'completed_above_total',
          message: `累计完成 ${centsToMoney(ytd)}${before ? ` + invested before ${centsToMoney(before)}` : ''} is above 总投资 ${centsToMoney(total)} 万元: an overrun, or a typo?`
        });
      if (month! < 0n) month = 0n;
      let planned = r.plannedYtdCents;
      if (planned === null) {
        planned = (annual * BigInt(m) + 6n) / 12n;
        defaultsUsed.add('monthly planned_ytd: annual_plan × month / 12 where the return gives no planned cumulative');
      }
      let progress = r.physicalProgress;
      if (progress === null) {
        progress = prevProgress;
        defaultsUsed.add('monthly physical_progress: carried from the previous month (0 at first) where the return gives no percentage');
      }
      if (!r.reportedOn && !r.notReported) defaultsUsed.add('monthly reported_on: the month end where the return gives no 填报日期');
      rows.push({
        project_id: pid,
        month: e.month,
        completed_month: centsToMoney(month!),
        completed_ytd: centsToMoney(ytd),
        planned_ytd: centsToMoney(planned),
        physical_progress: Math.max(0, Math.min(100, progress)),
        physical_note: r.physicalNote,
        reported_on: r.notReported ? null : (r.reportedOn ?? monthEnd(e.month)),
        note: r.note
      });
      prevYtd = ytd;
      prevMonth = e.month;
      prevProgress = progress;
    }
  }
  return { rows, issues, warnings, matched, defaultsUsed };
}
