/**
 * lishui-2018: 丽水市重大项目推进工作实施方案 (seed 002): monthly targets per project, and
 * leader-led projects meeting the plan's thresholds (city leaders one industrial ≥ 20亿 or
 * infrastructure ≥ 50亿; county leaders ≥ 10亿 / ≥ 20亿; key departments ≥ 10亿; other
 * departments ≥ 3亿).
 */
import type { Phase, Sector } from '../../../src/lib/schema.ts';
import type { DatasetPlan } from '../build.ts';
import { LISHUI_2018_PRESET } from '../../../src/lib/rules/presets/lishui.ts';
import { districtWeights, investedBefore, seq } from '../calibrate.ts';
import { iso } from '../dates.ts';
import { monthlyTargets } from '../monthly.ts';
import { person } from '../names.ts';
import type { ProjectSpec } from '../project.ts';

const CITY_LEADERS = ['市长', '常务副市长', '分管经济工作副市长', '丽水开发区管委会主任'];
const KEY_DEPTS = ['市发改委', '市经信委', '市建设局', '市交通运输局', '市水利局', '市旅委', '市招商局', '市城投公司', '市交投公司'];
const OTHER_DEPTS = ['市教育局', '市农业局', '市文广出版局', '市卫生计生委', '市林业局', '市体育局', '市商务局', '市市场监管局'];

const SECTORS: Sector[] = ['infrastructure', 'industry', 'livelihood', 'ecology'];
const starts = new Map<string, number>();

export const lishui: DatasetPlan = {
  id: 'lishui-2018',
  boundaries: 'lishui.geojson',
  vocab: 'lishui',
  year: 2018,
  asOf: '2018-09-30',
  jurisdiction: '丽水市',
  topLevel: 'city_government',
  preset: LISHUI_2018_PRESET,
  meta: {
    name: { zh: '丽水市2018年重点建设项目', en: 'Lishui 2018 key construction projects' },
    jurisdiction: { zh: '丽水市', en: 'Lishui', level: 'city', admin_code: '331100' },
    source_document: '丽水市重大项目推进工作实施方案（依据浙政办发明电〔2017〕37号、丽委办发〔2016〕65号）',
    invented: [
      'Every project, amount, name, owner, person, date and location: the plan publishes rules, not a project list.',
      'Monthly targets per project (the plan requires them; their values are invented), seasonal with a slow January–February.',
      "Leaders: 4 city leaders, 2 leaders in each of the 9 counties, 9 key departments and 8 other departments each lead one project at or above the plan's threshold (rule_preset.leader_thresholds, 万元).",
      'Monthly reports January–September 2018 due the 5th of the following month (as the plan says); the warning and demerit points for missed monthly targets are left to the app.',
      'Problem ledger; interviews after 2 / 3 notices are borrowed from the county rule.'
    ]
  },
  published: [],
  specs(rng, districts) {
    const urban: Record<string, number> = { '331102': 4, '331121': 1.3, '331122': 1.3 };
    const w = districtWeights(districts, urban);
    const nextId = seq('LS2018-', 4);
    starts.clear();
    const specs: ProjectSpec[] = [];
    const push = (
      phase: Phase,
      sector: Sector,
      total: number,
      annualShare: number,
      lead: ProjectSpec['leadOfficial'],
      district = rng.weighted(districts, w)
    ) => {
      const annual = phase === 'preparatory' ? 0 : Math.max(100, Math.floor(total * annualShare));
      const startMonth = phase === 'new' ? rng.weighted([2, 3, 4, 5, 6, 7, 8, 9, 10], [3, 8, 6, 6, 5, 4, 3, 3, 2]) : 1;
      const id = nextId();
      starts.set(id, startMonth);
      specs.push({
        id,
        sector,
        phase,
        level: 'city',
        total,
        annual,
        investedBefore: investedBefore(rng, phase, total, annual),
        district,
        leadOfficial: lead,
        plannedStart: phase === 'new' ? iso(2018, startMonth, rng.int(1, 28)) : undefined
      });
    };
    const bigPhase = () => rng.weighted<Phase>(['preparatory', 'new', 'continuing'], [0.45, 0.35, 0.2]);
    // Leader-led projects at or above the thresholds.
    for (const title of CITY_LEADERS) {
      const infra = rng.chance(0.4);
      const total = infra ? rng.int(50, 120) * 10_000 + rng.int(0, 99) * 100 : rng.int(20, 60) * 10_000 + rng.int(0, 99) * 100;
      push(bigPhase(), infra ? 'infrastructure' : 'industry', total, rng.range(0.05, 0.15), {
        name: `${person(rng)}（${title}）`,
        rank: 'city_leader'
      });
    }
    for (const d of districts) {
      for (const title of ['主要领导', '分管经济工作领导']) {
        const infra = rng.chance(0.4);
        const total = infra ? rng.int(20, 45) * 10_000 + rng.int(0, 99) * 100 : rng.int(10, 30) * 10_000 + rng.int(0, 99) * 100;
        push(
          bigPhase(),
          infra ? 'infrastructure' : 'industry',
          total,
          rng.range(0.06, 0.2),
          { name: `${person(rng)}（${d.name}${title}）`, rank: 'county_leader' },
          d
        );
      }
    }
    for (const dept of KEY_DEPTS) {
      const sector = rng.weighted<Sector>(SECTORS, [4, 3, 1, 1]);
      push(bigPhase(), sector, rng.int(10, 35) * 10_000 + rng.int(0, 99) * 100, rng.range(0.06, 0.2), {
        name: `${person(rng)}（${dept}主要负责人）`,
        rank: 'key_department'
      });
    }
    for (const dept of OTHER_DEPTS) {
      const sector = rng.weighted<Sector>(SECTORS, [1, 2, 4, 2]);
      push(bigPhase(), sector, rng.int(30, 120) * 1_000 + rng.int(0, 9) * 100, rng.range(0.1, 0.3), {
        name: `${person(rng)}（${dept}主要负责人）`,
        rank: 'other_department'
      });
    }
    // The rest of the programme: led by 领办 leaders without a threshold rank.
    for (let i = 0; i < 150; i++) {
      const phase = rng.weighted<Phase>(['preparatory', 'new', 'continuing', 'completion'], [0.15, 0.3, 0.4, 0.15]);
      const sector = rng.weighted<Sector>(SECTORS, [0.35, 0.3, 0.2, 0.15]);
      const total = Math.max(1000, Math.round(rng.logNormal(Math.log(40_000), 1) / 100) * 100);
      push(phase, sector, total, phase === 'completion' ? rng.range(0.3, 1) : rng.range(0.08, 0.35), null);
    }
    // Completion projects plan what remains.
    for (const s of specs) if (s.phase === 'completion') s.investedBefore = s.total - s.annual;
    return specs;
  },
  planYears(rng, spec) {
    const start = starts.get(spec.id) ?? 1;
    return {
      investedBeforeFirst: spec.investedBefore,
      years: [{ year: 2018, annual: spec.annual, lastMonth: 9, targetsCents: monthlyTargets(rng, spec.annual, start) }]
    };
  }
};
