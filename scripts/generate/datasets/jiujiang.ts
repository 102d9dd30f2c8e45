/**
 * jiujiang-2021-2023: 九江市“城建项目大会战”(2021–2023) (seed 004): a three-year city
 * construction programme, ≥ 300亿 completed each year. Monthly reports run from January 2021
 * to the as-of month; completed_ytd restarts every January.
 */
import type { Phase, PublishedTarget, Sector } from '../../../src/lib/schema.ts';
import { allocate, wanToYi } from '../allocate.ts';
import type { DatasetPlan } from '../build.ts';
import { JIUJIANG_2021_2023_PRESET } from '../../../src/lib/rules/presets/jiujiang.ts';
import { districtWeights, seq } from '../calibrate.ts';
import { iso } from '../dates.ts';
import type { ProjectSpec } from '../project.ts';

const SECTORS: Sector[] = ['infrastructure', 'livelihood', 'ecology', 'industry'];
const SECTOR_W = [0.55, 0.25, 0.17, 0.03];
/** Plans per year (万元), invented so that what is completed clears 300亿 with a margin. */
const YEAR_PLAN: Record<number, number> = { 2021: 3_620_000, 2022: 3_680_000, 2023: 3_750_000 };
const PHASES: [Phase, number][] = [
  ['completion', 38],
  ['continuing', 72],
  ['new', 36],
  ['preparatory', 22]
];

interface Sched {
  start: number;
  plans: Record<number, number>;
  before: number;
}
const sched = new Map<string, Sched>();

export const jiujiang: DatasetPlan = {
  id: 'jiujiang-2021-2023',
  boundaries: 'jiujiang.geojson',
  vocab: 'jiujiang',
  year: 2023,
  firstYear: 2021,
  asOf: '2023-06-30',
  jurisdiction: '九江市',
  topLevel: 'city_government',
  preset: JIUJIANG_2021_2023_PRESET,
  meta: {
    name: { zh: '九江市“城建项目大会战”（2021—2023年）', en: 'Jiujiang city construction campaign 2021–2023' },
    years: [2021, 2022, 2023],
    jurisdiction: { zh: '九江市', en: 'Jiujiang', level: 'city', admin_code: '360400' },
    source_document: '九江市“城建项目大会战”（2021—2023年）实施方案（2021年3月23日）',
    invented: [
      'Every project, amount, name, owner, person, date and location: the plan publishes only the target of ≥ 300亿 completed each year.',
      'Yearly plans of 362亿 (2021), 368亿 (2022) and 375亿 (2023); phases are as of 2023.',
      'Monthly reports January 2021 – June 2023, due the 25th of the month (as the plan says); late and missing reports, stalled projects.',
      'Problem ledger; interviews after 2 / 3 notices are borrowed from the county rule.'
    ]
  },
  published: [],
  specs(rng, districts) {
    const urban: Record<string, number> = { '360402': 4, '360403': 3.2, '360404': 3.5, '360482': 1.5, '360483': 1.3, '360481': 1.5 };
    const w = districtWeights(districts, urban);
    const nextId = seq('JJ-', 4);
    sched.clear();
    const specs: ProjectSpec[] = [];
    const drafts: { phase: Phase; sector: Sector; start: number; weight: number }[] = [];
    for (const [phase, n] of PHASES) {
      for (let i = 0; i < n; i++) {
        const start =
          phase === 'new'
            ? 2023
            : phase === 'preparatory'
              ? 9999
              : rng.weighted([2019, 2020, 2021, 2022], phase === 'completion' ? [3, 3, 3, 1] : [1, 2, 4, 3]);
        drafts.push({ phase, sector: rng.weighted(SECTORS, SECTOR_W), start, weight: rng.logNormal(0, 0.9) });
      }
    }
    // Each year's plan is split over the projects under construction that year.
    const plans = drafts.map(() => ({}) as Record<number, number>);
    for (const y of [2021, 2022, 2023]) {
      const active = drafts.map((d) => d.start <= y && d.phase !== 'preparatory');
      const split = allocate(
        YEAR_PLAN[y],
        drafts.map((d, i) => (active[i] ? d.weight * (y === d.start ? 0.6 : 1) : 0)),
        undefined,
        active.map((a) => (a ? Infinity : 0))
      );
      split.forEach((v, i) => (plans[i][y] = v));
    }
    drafts.forEach((d, i) => {
      const p = plans[i];
      const before = d.start < 2021 ? Math.floor((p[2021] || p[2022] || 10000) * rng.range(0.5, 2)) : 0;
      const planned = (p[2021] ?? 0) + (p[2022] ?? 0);
      // Room for leaders to run ahead of plan in 2021–2022 (factor ≤ 1.3), then the 2023 plan.
      const tail =
        d.phase === 'completion'
          ? 0
          : d.phase === 'preparatory'
            ? Math.round(rng.logNormal(Math.log(60000), 0.8))
            : Math.floor(p[2023] * rng.range(0.5, 2.5));
      // Completion projects cannot run ahead of plan before 2023 (pastFactorCap 1), so what is
      // left in 2023 is at least their 2023 plan; others keep room for leaders (factor ≤ 1.3).
      const room = d.phase === 'completion' ? 1 : 1.3;
      const total =
        d.phase === 'completion' ? before + planned + p[2023] : Math.ceil((before + planned * room + (p[2023] ?? 0) + tail) / 100) * 100;
      const id = nextId();
      sched.set(id, { start: d.start, plans: p, before });
      specs.push({
        id,
        sector: d.sector,
        phase: d.phase,
        level: 'city',
        total,
        annual: d.phase === 'preparatory' ? 0 : p[2023],
        investedBefore: before,
        district: rng.weighted(districts, w),
        actualStart: d.phase === 'new' || d.phase === 'preparatory' ? undefined : iso(d.start, rng.int(1, 11), rng.int(1, 28))
      });
    });
    return specs;
  },
  planYears(_rng, spec) {
    const s = sched.get(spec.id)!;
    return {
      investedBeforeFirst: s.before,
      pastFactorCap: spec.phase === 'completion' ? 1 : undefined,
      years: [2021, 2022, 2023].map((y) => ({ year: y, annual: s.plans[y] ?? 0, lastMonth: y === 2023 ? 6 : 12 }))
    };
  },
  afterMonthly(row, completedByYear, spec) {
    const s = sched.get(spec.id)!;
    row.invested_before = s.before + completedByYear[0] + completedByYear[1];
  },
  finish(meta, projects, monthly) {
    const targets: PublishedTarget[] = [];
    for (const y of [2021, 2022]) {
      const done = monthly.filter((m) => m.month === `${y}-12-01`).reduce((s, m) => s + Math.round(Number(m.completed_ytd) * 100), 0) / 100;
      targets.push({ what: `completed in ${y}`, year: y, min_yi: '300.00', computed_yi: wanToYi(done), met: done >= 3_000_000 });
    }
    const plan = projects.reduce((s, p) => s + Number(p.annual_plan), 0);
    targets.push({ what: 'annual plan 2023', year: 2023, min_yi: '300.00', computed_yi: wanToYi(plan), met: plan >= 3_000_000 });
    const h1 = monthly.filter((m) => m.month === '2023-06-01').reduce((s, m) => s + Math.round(Number(m.completed_ytd) * 100), 0) / 100;
    targets.push({
      what: 'completed January–June 2023 (in progress)',
      year: 2023,
      min_yi: '150.00',
      computed_yi: wanToYi(h1),
      met: h1 >= 1_500_000
    });
    meta.targets = targets;
    const missed = targets.filter((t) => !t.met && t.what.startsWith('completed in'));
    if (missed.length) throw new Error(`jiujiang: yearly target missed: ${missed.map((t) => `${t.year} ${t.computed_yi}亿`).join(', ')}`);
  }
};
