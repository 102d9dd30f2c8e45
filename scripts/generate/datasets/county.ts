/**
 * county-2023: 加强重点项目建设实施意见 (seed 001): 36 key projects, total 368.17亿 as published;
 * size classes 8 / 5 / 23, sector counts and totals as published (they sum to 368.49: flagged),
 * 2 provincial, 7 city (5 continuing, 2 new) and 27 county key projects. The plan names no
 * county: the projects sit in 赫章县 (Bijie, Guizhou) for illustration only.
 */
import type { Phase, ProjectLevel, Sector } from '../../../src/lib/schema.ts';
import { allocate, yiToWan } from '../allocate.ts';
import type { DatasetPlan } from '../build.ts';
import { COUNTY_2023_PRESET } from '../../../src/lib/rules/presets/county.ts';
import { seq } from '../calibrate.ts';
import type { ProjectSpec } from '../project.ts';

type Size = 'small' | 'mid' | 'large';
/** Sector → [count, total 亿, sizes]: 8 small (<3,000万), 5 mid (3,000–5,000万), 23 large. */
const SECTORS: [Sector, number, string, Size[]][] = [
  ['industry', 12, '305.30', ['small', 'mid', ...Array<Size>(10).fill('large')]],
  ['infrastructure', 14, '47.11', ['small', 'small', 'small', 'mid', 'mid', ...Array<Size>(9).fill('large')]],
  ['livelihood', 10, '16.08', ['small', 'small', 'small', 'small', 'mid', 'mid', ...Array<Size>(4).fill('large')]]
];

const sizeOf = (t: number) => (t < 3000 ? 'lt3000' : t < 5000 ? '3000_5000' : 'ge5000');

export const county: DatasetPlan = {
  id: 'county-2023',
  boundaries: 'hezhang.geojson',
  vocab: 'hezhang',
  year: 2023,
  asOf: '2023-09-30',
  jurisdiction: '赫章县（示意）',
  topLevel: 'city_government',
  preset: COUNTY_2023_PRESET,
  meta: {
    name: { zh: '2023年县级以上重点项目（示意县）', en: 'County key projects 2023 (illustrative county)' },
    jurisdiction: { zh: '赫章县（示意）', en: 'Hezhang County (illustrative location)', level: 'county', admin_code: '520527' },
    source_document: '加强重点项目建设实施意见（2023年，县人民政府）',
    location_illustrative: true,
    invented: [
      'The location: the plan does not name its county; its projects are put in 赫章县 (Bijie, Guizhou) only to have a real county boundary. The county is shown as one district.',
      'Phases of the county key projects (14 new, 13 continuing), annual plans (new projects over 3,000万 plan 20–60% of their total, continuing ones most of what remains, small ones all of it), every amount within the published sector totals and size classes.',
      'Every project other than the two named provincial ones (枝柯煤化工新材料工业园区, 心言生物黑木耳产业发展综合开发一期项目), and all names, owners, people, dates, approvals, funding.',
      'Monthly reports January–September 2023 (due the 5th of the following month: invented) and the problem ledger.'
    ]
  },
  published: [
    { figure: { phase: 'all', sector: 'all', projects: 36, total_investment_yi: '368.17', annual_plan_yi: null }, filter: () => true },
    ...SECTORS.map(([sector, count, total]) => ({
      figure: { phase: 'all' as const, sector, projects: count, total_investment_yi: total, annual_plan_yi: null },
      filter: (p: Record<string, unknown>) => p.sector === sector
    })),
    ...(
      [
        ['lt3000', 8, '<3,000万'],
        ['3000_5000', 5, '3,000–5,000万'],
        ['ge5000', 23, '>5,000万']
      ] as const
    ).map(([size, n, label]) => ({
      figure: {
        phase: 'all' as const,
        sector: 'all' as const,
        projects: n,
        total_investment_yi: null,
        annual_plan_yi: null,
        size,
        note: label
      },
      filter: (p: Record<string, unknown>) => sizeOf(Number(p.total_investment)) === size
    })),
    {
      figure: { phase: 'all', sector: 'all', projects: 2, total_investment_yi: null, annual_plan_yi: null, level: 'provincial' },
      filter: (p) => p.level === 'provincial'
    },
    {
      figure: { phase: 'continuing', sector: 'all', projects: 5, total_investment_yi: null, annual_plan_yi: null, level: 'city' },
      filter: (p) => p.level === 'city' && p.phase === 'continuing'
    },
    {
      figure: { phase: 'new', sector: 'all', projects: 2, total_investment_yi: null, annual_plan_yi: null, level: 'city' },
      filter: (p) => p.level === 'city' && p.phase === 'new'
    },
    {
      figure: { phase: 'all', sector: 'all', projects: 27, total_investment_yi: null, annual_plan_yi: null, level: 'county' },
      filter: (p) => p.level === 'county'
    }
  ],
  specs(rng, districts) {
    const d = districts[0];
    const nextId = seq('XZ2023-', 3);
    const specs: ProjectSpec[] = [];
    // Levels and phases of the 34 unnamed projects: 7 city (5 continuing, 2 new), 27 county.
    const slots: [ProjectLevel, Phase][] = rng.shuffle([
      ...Array<[ProjectLevel, Phase]>(5).fill(['city', 'continuing']),
      ...Array<[ProjectLevel, Phase]>(2).fill(['city', 'new']),
      ...Array<[ProjectLevel, Phase]>(14).fill(['county', 'new']),
      ...Array<[ProjectLevel, Phase]>(13).fill(['county', 'continuing'])
    ]);
    for (const [sector, , totalYi, sizes] of SECTORS) {
      let total = yiToWan(totalYi);
      const named: ProjectSpec[] = [];
      if (sector === 'industry') {
        named.push(
          {
            id: '',
            sector,
            phase: 'new',
            level: 'provincial',
            total: 1_600_000,
            annual: 128_000,
            investedBefore: 0,
            district: d,
            name: '枝柯煤化工新材料工业园区',
            actualStart: '2023-06-15',
            plannedStart: '2023-06-15',
            description: '省级重点工程，务必于6月中旬实质性开工'
          },
          {
            id: '',
            sector,
            phase: 'new',
            level: 'provincial',
            total: 62_000,
            annual: 34_000,
            investedBefore: 0,
            district: d,
            name: '心言生物黑木耳产业发展综合开发一期项目',
            plannedStart: '2023-03-01',
            description: '省级重点工程，年内完成50%以上建设任务'
          }
        );
        total -= named.reduce((s, n) => s + n.total, 0);
      }
      const rest = sizes.slice(0, sizes.length - named.length);
      // Small and mid projects drawn in their class, the large ones share what is left (≥ 5,000万).
      const fixed = rest.map((s) => (s === 'small' ? rng.int(4, 29) * 100 - rng.int(0, 1) * 50 : s === 'mid' ? rng.int(30, 49) * 100 : 0));
      const largeIdx = rest.map((s, i) => (s === 'large' ? i : -1)).filter((i) => i >= 0);
      const largeTotal = total - fixed.reduce((a, b) => a + b, 0);
      const large = allocate(
        largeTotal,
        largeIdx.map(() => rng.logNormal(0, 1)),
        largeIdx.map(() => 5100),
        largeIdx.map(() => Math.ceil(largeTotal * 0.45))
      );
      largeIdx.forEach((idx, k) => (fixed[idx] = large[k]));
      for (const t of fixed) {
        const [level, phase] = slots.pop()!;
        const small = t < 1000 || (phase === 'continuing' && t < 3000);
        const investedBefore = phase === 'continuing' ? Math.floor(t * rng.range(0.2, 0.6)) : 0;
        const remaining = t - investedBefore;
        const annual = small
          ? remaining
          : phase === 'new'
            ? Math.floor(t * rng.range(0.2, 0.6))
            : Math.floor(remaining * rng.range(0.5, 0.9));
        specs.push({ id: '', sector, phase, level, total: t, annual, investedBefore, district: d });
      }
      specs.push(...named);
    }
    specs.sort((a, b) => ['provincial', 'city', 'county'].indexOf(a.level) - ['provincial', 'city', 'county'].indexOf(b.level));
    for (const s of specs) s.id = nextId();
    return specs;
  }
};
