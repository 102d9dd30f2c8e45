/**
 * Monthly reports (月报): S-curves of completed investment with leaders and laggards, late and
 * missing reports, and a few stalled projects. Cumulative values never decrease within a year.
 */
import type { RulePreset } from '../../src/lib/schema.ts';
import type { Row } from '../lib/dataset-writer.ts';
import { centsToMoney } from './allocate.ts';
import { addDays, iso, monthEnd, monthStart, parse } from './dates.ts';
import type { Rng } from './prng.ts';

export type Profile = 'leader' | 'normal' | 'laggard' | 'stalled';

export function drawProfile(rng: Rng): Profile {
  return rng.weighted(['leader', 'normal', 'laggard', 'stalled'] as Profile[], [0.16, 0.64, 0.16, 0.04]);
}

export interface PlanYear {
  year: number;
  /** Annual plan for the year, integer 万元. */
  annual: number;
  /** Last month reported in this year (12, or the as-of month). */
  lastMonth: number;
  /** Planned cumulative per month in 0.01万元 (plan's monthly targets); default annual × m/12. */
  targetsCents?: number[];
}

export interface MonthlyInput {
  projectId: string;
  total: number;
  /** Invested before the first plan year, integer 万元. */
  investedBefore: number;
  actualStart: string | null;
  /** Projects that join in a later batch report their earlier months on the joining day. */
  joinedOn?: string | null;
  exitedOn?: string | null;
  profile: Profile;
  years: PlanYear[];
  preset: RulePreset;
  /** Whether this project is a habitually late reporter. */
  lateReporter: boolean;
  linear: boolean;
  /** Cap on the achievement factor in years before the last (a multi-year plan's earlier years). */
  pastFactorCap?: number;
  /** Planned completion date: a project due to finish in a plan year works to that month. */
  plannedCompletion?: string | null;
}

export interface MonthlyResult {
  rows: Row[];
  /** Investment completed over all plan years, integer 万元. */
  completedTotal: number;
  /** Completed per plan year. */
  completedByYear: number[];
  actualCompletion: string | null;
  /** First month (YYYY-MM-01) with no progress through the last month, for stalled projects. */
  stalledSince: string | null;
  lateOrMissing: number;
}

const FACTOR: Record<Profile, [number, number]> = {
  leader: [1.08, 1.3],
  normal: [0.94, 1.1],
  laggard: [0.55, 0.85],
  stalled: [0.6, 0.95]
};

function milestone(p: number, linear: boolean): string {
  if (p >= 100) return '已完工，正在办理竣工验收';
  if (linear) return p < 5 ? '施工准备、管线迁改' : p < 30 ? '路基及管线施工' : p < 70 ? '路面及主体工程施工' : '附属工程及绿化施工';
  return p < 5
    ? '场地平整、施工准备'
    : p < 20
      ? '基础工程施工'
      : p < 55
        ? '主体结构施工'
        : p < 85
          ? '主体完工，装饰装修'
          : '设备安装及配套工程';
}

const STALL_NOTES = [
  '因征地拆迁未完成停工',
  '资金未到位暂停施工',
  '施工许可手续办理中暂停',
  '设计变更待审批，现场停工',
  '环保督察整改停工'
];

export function generateMonthly(rng: Rng, inp: MonthlyInput): MonthlyResult {
  const rows: Row[] = [];
  const [f0, f1] = FACTOR[inp.profile];
  const factor = rng.range(f0, f1);
  const shapeW = rng.range(0.2, 0.7);
  const shapeB = rng.range(0.8, 1.3);
  const lump = rng.range(0.12, 0.35);
  const curve = (u: number) => shapeW * u + ((1 - shapeW) * (1 - Math.cos(Math.PI * Math.pow(u, shapeB)))) / 2;
  let cumulative = 0; // over all plan years
  let completion: string | null = null;
  let stalledSince: string | null = null;
  let lateOrMissing = 0;
  const completedByYear: number[] = [];
  const lastYear = inp.years[inp.years.length - 1];
  const stallMonths = inp.profile === 'stalled' ? rng.int(2, 4) : 0;
  const stallFrom = lastYear.lastMonth - stallMonths + 1;
  const stallNote = rng.pick(STALL_NOTES);
  let progress = Math.floor((100 * inp.investedBefore) / inp.total);
  const [sy, sm] = inp.actualStart ? parse(inp.actualStart) : [9999, 1];
  const exit = inp.exitedOn ? parse(inp.exitedOn) : null;

  for (const py of inp.years) {
    const remaining = inp.total - inp.investedBefore - cumulative;
    const f = py !== lastYear && inp.pastFactorCap !== undefined ? Math.min(factor, inp.pastFactorCap) : factor;
    const expected = Math.min(remaining, Math.round(py.annual * f));
    const startMonth = sy < py.year ? 1 : sy === py.year ? sm : 13;
    // Projects due to finish this year aim at their planned month; leaders are early, laggards late.
    let finishMonth = 12;
    if (inp.plannedCompletion && Number(inp.plannedCompletion.slice(0, 4)) === py.year && expected >= remaining) {
      const slip = { leader: rng.int(-2, 0), normal: rng.int(0, 1), laggard: rng.int(2, 5), stalled: rng.int(1, 3) }[inp.profile];
      finishMonth = Math.max(startMonth, Number(inp.plannedCompletion.slice(5, 7)) + slip);
    }
    let ytd = 0;
    let reportedYtd = 0;
    let reportedProgress = progress;
    for (let m = 1; m <= py.lastMonth; m++) {
      const isLastYear = py === lastYear;
      const exited = exit !== null && (py.year > exit[0] || (py.year === exit[0] && m > exit[1]));
      const stalled = isLastYear && stallMonths > 0 && m >= stallFrom;
      if (stalled && stalledSince === null && startMonth <= m) stalledSince = monthStart(py.year, m);
      if (m >= startMonth && !exited && !stalled && completion === null) {
        const u = Math.min(1, (m - startMonth + 1) / (finishMonth - startMonth + 1));
        // A project breaking ground this year books land and equipment at the start.
        const share = startMonth > 1 ? lump + (1 - lump) * curve(u) : curve(u);
        const target = Math.min(expected, Math.floor(expected * share + 1e-9));
        if (target > ytd) ytd = target;
        if (inp.investedBefore + cumulative + ytd >= inp.total) {
          ytd = inp.total - inp.investedBefore - cumulative;
          completion = iso(py.year, m, rng.int(5, Number(monthEnd(py.year, m).slice(8))));
        }
      }
      // Physical progress follows money (with a floor once works start).
      const done = inp.investedBefore + cumulative + ytd;
      let p = completion ? 100 : Math.min(99, Math.floor((100 * done) / inp.total));
      if (m >= startMonth && p < 1 && ytd > 0) p = 1;
      if (p > progress) progress = p;
      // Report arrival.
      const dueDate =
        inp.preset.reports.due_month === 'next'
          ? addDays(monthEnd(py.year, m), inp.preset.reports.due_day)
          : iso(py.year, m, Math.min(inp.preset.reports.due_day, Number(monthEnd(py.year, m).slice(8))));
      let reportedOn: string | null;
      let note: string | null = null;
      const lateP = inp.lateReporter ? 0.3 : 0.03;
      const missingP = inp.lateReporter ? 0.08 : 0.006;
      if (exited) {
        reportedOn = null;
        note = '项目已退出';
      } else if (inp.joinedOn && monthEnd(py.year, m) < inp.joinedOn) {
        reportedOn = inp.joinedOn;
        note = '增补入库后补报';
      } else if (!(m === 12 && !isLastYear) && rng.chance(missingP)) {
        reportedOn = null;
        note = '未按时报送月报';
      } else if (rng.chance(lateP)) {
        reportedOn = addDays(dueDate, rng.int(1, 12));
      } else {
        reportedOn = addDays(dueDate, -rng.int(0, 4));
      }
      if (reportedOn === null || reportedOn > dueDate) lateOrMissing++;
      // A missing report carries the last reported figures; the next report catches up.
      const reported = reportedOn !== null || exited;
      const shownYtd = reported ? ytd : reportedYtd;
      const shownProgress = reported ? progress : reportedProgress;
      if (stalled && m >= startMonth && !exited) note = note ?? stallNote;
      rows.push({
        project_id: inp.projectId,
        month: monthStart(py.year, m),
        completed_month: shownYtd - reportedYtd,
        completed_ytd: shownYtd,
        planned_ytd: centsToMoney(py.targetsCents ? py.targetsCents[m - 1] : Math.round((py.annual * 100 * m) / 12)),
        physical_progress: shownProgress,
        physical_note: m >= startMonth ? milestone(shownProgress, inp.linear) : '前期工作推进中',
        reported_on: reportedOn,
        note
      });
      reportedYtd = shownYtd;
      reportedProgress = shownProgress;
    }
    // December of a past year is always reported, so the year closes on the true figure.
    completedByYear.push(ytd);
    cumulative += ytd;
  }
  return { rows, completedTotal: cumulative, completedByYear, actualCompletion: completion, stalledSince, lateOrMissing };
}

/** Lishui-style monthly targets: cumulative cents per month, starting at the planned start. */
export function monthlyTargets(rng: Rng, annual: number, startMonth: number): number[] {
  const weights: number[] = [];
  for (let m = 1; m <= 12; m++) {
    if (m < startMonth) weights.push(0);
    else weights.push((m <= 2 ? 0.55 : m >= 10 ? 1.15 : 1) * rng.range(0.85, 1.15));
  }
  const sum = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  let acc = 0;
  for (let m = 0; m < 12; m++) {
    acc += weights[m];
    out.push(m === 11 ? annual * 100 : Math.round((annual * 100 * acc) / sum / 100) * 100);
  }
  return out;
}
