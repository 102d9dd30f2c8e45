/** liuzhou-2022: 柳州市2022年市级层面统筹推进重大项目 (seed 003), every published cell met exactly. */
import type { Phase, PublishedFigure, Sector } from '../../../src/lib/schema.ts';
import { yiToWan } from '../allocate.ts';
import type { DatasetPlan, PublishedItem } from '../build.ts';
import { LIUZHOU_2022_PRESET } from '../../../src/lib/rules/presets/liuzhou.ts';
import { cellSpecs, districtWeights, seq } from '../calibrate.ts';
import type { ProjectSpec } from '../project.ts';

type Cell = [Phase, Sector | 'all', number, string, string | null];
export const LIUZHOU_TABLE: Cell[] = [
  ['new', 'infrastructure', 40, '707.89', '87.03'],
  ['new', 'industry', 112, '634.22', '145.10'],
  ['new', 'livelihood', 24, '48.47', '11.19'],
  ['new', 'ecology', 7, '17.16', '5.50'],
  ['new', 'all', 183, '1407.74', '248.82'],
  ['continuing', 'infrastructure', 128, '1382.35', '152.63'],
  ['continuing', 'industry', 134, '923.86', '139.28'],
  ['continuing', 'livelihood', 64, '771.70', '111.11'],
  ['continuing', 'ecology', 19, '104.53', '10.54'],
  ['continuing', 'all', 345, '3182.43', '413.56'],
  ['completion', 'infrastructure', 49, '212.96', '41.89'],
  ['completion', 'industry', 48, '198.85', '39.17'],
  ['completion', 'livelihood', 37, '205.76', '30.42'],
  ['completion', 'ecology', 6, '20.54', '3.07'],
  ['completion', 'all', 140, '638.10', '114.54'],
  ['preparatory', 'infrastructure', 121, '3900.94', null],
  ['preparatory', 'industry', 125, '736.79', null],
  ['preparatory', 'livelihood', 36, '164.66', null],
  ['preparatory', 'ecology', 5, '8.40', null],
  ['preparatory', 'all', 287, '4810.78', null]
];

const initial = (p: Record<string, unknown>) => p.batch === 'initial';

export const liuzhou: DatasetPlan = {
  id: 'liuzhou-2022',
  boundaries: 'liuzhou.geojson',
  vocab: 'liuzhou',
  year: 2022,
  asOf: '2022-09-30',
  jurisdiction: '柳州市',
  topLevel: 'city_government',
  preset: LIUZHOU_2022_PRESET,
  meta: {
    name: { zh: '柳州市2022年市级层面统筹推进重大项目', en: 'Liuzhou 2022 city-level major projects' },
    jurisdiction: { zh: '柳州市', en: 'Liuzhou', level: 'city', admin_code: '450200' },
    source_document: '柳州市2022年市级层面统筹推进重大项目实施方案（柳政办〔2022〕5号，附表1、附表2）',
    invented: [
      'Every project (names, owners, units, people, locations, dates, approvals, funding): the plan publishes only the phase × sector totals; each published cell is met exactly, the annexed project lists are not reproduced.',
      'Split of each cell over projects, invested_before of continuing and completion projects.',
      'Monthly reports January–September 2022 (due the 5th of the following month: invented), leaders and laggards, late and missing reports, stalled projects.',
      'Supplementary batches: 18 projects in supplement-1 (2022-05-20) and 9 in supplement-2 (2022-08-15), outside the published table (filter batch = initial to compare).',
      'Five initial projects exited through the exit mechanism (exited_on).',
      'Problem ledger; interviews after 2 / 3 notices are borrowed from the county rule.'
    ]
  },
  published: LIUZHOU_TABLE.map(([phase, sector, projects, total, annual]): PublishedItem => ({
    figure: { phase, sector, projects, total_investment_yi: total, annual_plan_yi: annual },
    filter: (p) => initial(p) && p.phase === phase && (sector === 'all' || p.sector === sector)
  })).concat([
    {
      figure: {
        phase: 'all',
        sector: 'all',
        projects: 668,
        total_investment_yi: '5228.27',
        annual_plan_yi: '776.92',
        note: 'implementation projects (new + continuing + completion)',
        phases: ['new', 'continuing', 'completion']
      } as PublishedFigure,
      filter: (p) => initial(p) && p.phase !== 'preparatory'
    }
  ]),
  specs(rng, districts) {
    const urban: Record<string, number> = { '450202': 2.2, '450203': 4, '450204': 3, '450205': 3.5, '450206': 2.5 };
    const w = districtWeights(districts, urban);
    const nextId = seq('LZ2022-', 4);
    const specs: ProjectSpec[] = [];
    for (const [phase, sector, count, total, annual] of LIUZHOU_TABLE) {
      if (sector === 'all') continue;
      specs.push(
        ...cellSpecs(
          rng,
          { phase, sector, count, total: yiToWan(total), annual: annual ? yiToWan(annual) : 0, level: 'city' },
          districts,
          w,
          nextId,
          3000
        )
      );
    }
    // Exit mechanism: a few initial implementation projects leave during the year.
    const implementation = specs.filter((s) => s.phase !== 'preparatory' && s.phase !== 'completion');
    for (const s of rng.shuffle([...implementation]).slice(0, 5)) {
      s.exitedOn = `2022-0${rng.int(4, 8)}-${String(rng.int(10, 28))}`;
    }
    // Supplementary batches (增补): new and continuing projects added during the year.
    for (const [batch, joined, n] of [
      ['supplement-1', '2022-05-20', 18],
      ['supplement-2', '2022-08-15', 9]
    ] as const) {
      for (let i = 0; i < n; i++) {
        const phase: Phase = rng.chance(0.7) ? 'new' : 'continuing';
        const sector = rng.weighted<Sector>(['infrastructure', 'industry', 'livelihood', 'ecology'], [3, 5, 1.5, 0.5]);
        const total = rng.int(30, 800) * 100;
        const annual = Math.floor(total * rng.range(0.08, 0.35));
        specs.push({
          id: nextId(),
          sector,
          phase,
          level: 'city',
          total,
          annual,
          investedBefore: phase === 'continuing' ? Math.floor((total - annual) * rng.range(0.1, 0.6)) : 0,
          district: rng.weighted(districts, w),
          batch,
          joinedOn: joined,
          plannedStart: phase === 'new' ? joined : undefined
        });
      }
    }
    return specs;
  }
};
