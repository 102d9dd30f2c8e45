/** guiyang-2021: 2021年贵阳市省重大工程和重点项目 (seed 000): 707 projects, annual plan 1594.38亿. */
import type { Phase, Sector } from '../../../src/lib/schema.ts';
import { allocate, yiToWan } from '../allocate.ts';
import type { DatasetPlan } from '../build.ts';
import { GUIYANG_2021_PRESET } from '../../../src/lib/rules/presets/guiyang.ts';
import { districtWeights, investedBefore, seq, splitAnnual, splitTotals } from '../calibrate.ts';
import type { ProjectSpec } from '../project.ts';

const SECTORS: Sector[] = ['infrastructure', 'industry', 'livelihood', 'ecology'];
/** Invented breakdown: projects and share of the annual plan per phase. */
const PHASES: [Phase, number, number][] = [
  ['completion', 96, 0.12],
  ['continuing', 318, 0.56],
  ['new', 203, 0.32],
  ['preparatory', 90, 0]
];
const SECTOR_SHARE = [0.36, 0.38, 0.16, 0.1];
/** Typical annual plan / total investment by phase. */
const RATIO: Record<Phase, [number, number]> = { completion: [0.25, 0.7], continuing: [0.12, 0.35], new: [0.1, 0.35], preparatory: [0, 0] };

export const guiyang: DatasetPlan = {
  id: 'guiyang-2021',
  boundaries: 'guiyang.geojson',
  vocab: 'guiyang',
  year: 2021,
  asOf: '2021-10-31',
  jurisdiction: '贵阳市',
  topLevel: 'province',
  preset: GUIYANG_2021_PRESET,
  meta: {
    name: { zh: '2021年贵阳市省重大工程和重点项目', en: 'Guiyang 2021 provincial major projects' },
    jurisdiction: { zh: '贵阳市', en: 'Guiyang', level: 'city', admin_code: '520100' },
    source_document: '2021年贵阳市省重大工程和重点项目推进计划（2021年3月，附件2）',
    invented: [
      'The breakdown by phase (completion 96, continuing 318, new 203, preparatory 90) and by sector, and every total investment: the plan publishes only 707 projects and the annual plan 1594.38亿.',
      'Every project (names, owners, units, people, locations, dates, approvals, funding).',
      'Monthly reports January–October 2021 (due the 5th of the following month: invented).',
      "Problem ledger; the ladder district → city task force → city government → province is the plan's, interviews after 2 / 3 notices are borrowed from the county rule."
    ]
  },
  published: [
    {
      figure: { phase: 'all', sector: 'all', projects: 707, total_investment_yi: null, annual_plan_yi: '1594.38', level: 'provincial' },
      filter: () => true
    }
  ],
  specs(rng, districts) {
    const urban: Record<string, number> = {
      '520102': 3,
      '520103': 2.6,
      '520115': 4,
      '520111': 3,
      '520113': 2.5,
      '520112': 2,
      '520181': 1.5
    };
    const w = districtWeights(districts, urban);
    const nextId = seq('GY2021-', 4);
    const annualTotal = yiToWan('1594.38');
    const byPhase = allocate(
      annualTotal,
      PHASES.map((p) => p[2]),
      undefined,
      PHASES.map((p) => (p[2] === 0 ? 0 : Infinity))
    );
    const specs: ProjectSpec[] = [];
    PHASES.forEach(([phase, count], pi) => {
      const counts = allocate(count, SECTOR_SHARE);
      const annuals = allocate(
        byPhase[pi],
        SECTOR_SHARE.map((s, i) => (counts[i] ? s : 0)),
        undefined,
        counts.map((c) => (c ? Infinity : 0))
      );
      SECTORS.forEach((sector, si) => {
        const n = counts[si];
        let totals: number[];
        let ann: number[];
        if (phase === 'preparatory') {
          totals = Array.from({ length: n }, () => Math.round(rng.logNormal(Math.log(80000), 0.9) / 100) * 100);
          ann = totals.map(() => 0);
        } else {
          // Size projects from their annual plan and a phase ratio, then split the plan exactly.
          ann = splitTotals(rng, n, annuals[si], 800, 0.95, 0.25);
          totals = ann.map((a) => Math.ceil(a / rng.range(...RATIO[phase])));
          ann = splitAnnual(rng, phase, totals, annuals[si]);
        }
        for (let i = 0; i < n; i++) {
          specs.push({
            id: nextId(),
            sector,
            phase,
            level: 'provincial',
            total: totals[i],
            annual: ann[i],
            investedBefore: investedBefore(rng, phase, totals[i], ann[i]),
            district: rng.weighted(districts, w)
          });
        }
      });
    });
    return specs;
  }
};
