/** One project row: dates, approvals, funding, people, location, consistent with its phase. */
import { APPROVAL_KINDS, sizeBucketOf, type ApprovalStatus, type Phase, type ProjectLevel, type Sector } from '../../src/lib/schema.ts';
import type { Row } from '../lib/dataset-writer.ts';
import { allocate } from './allocate.ts';
import { addDays, dayBetween, iso, maxDate, minDate } from './dates.ts';
import { randomLine, randomPoint, type District } from './geo.ts';
import { nameProject, official, person } from './names.ts';
import type { Rng } from './prng.ts';
import type { Vocab } from './vocab.ts';

export interface ProjectSpec {
  id: string;
  sector: Sector;
  phase: Phase;
  level: ProjectLevel;
  /** Integer 万元. */
  total: number;
  annual: number;
  investedBefore: number;
  district: District;
  batch?: string;
  /** Day a supplementary batch joined the plan. */
  joinedOn?: string | null;
  exitedOn?: string | null;
  name?: string;
  owner?: string;
  leadOfficial?: { name: string; rank: string } | null;
  /** Force a start date (e.g. a plan's named deadline); else drawn. */
  actualStart?: string | null;
  plannedStart?: string | null;
  description?: string | null;
}

export interface BuildContext {
  rng: Rng;
  vocab: Vocab;
  /** Plan year of the dataset (the as-of year). */
  year: number;
  /** First plan year (multi-year programmes start earlier). */
  firstYear: number;
  asOf: string;
  jurisdiction: string;
  taken: Set<string>;
  /** Codes of the city-proper districts. */
  core: string[];
}

export interface BuiltProject {
  row: Row;
  linear: boolean;
}

function fundingSplit(rng: Rng, sector: Sector, total: number): number[] {
  // central budget, special bonds, bank loans, private capital, other
  const base: Record<Sector, number[]> = {
    infrastructure: [0.12, 0.3, 0.38, 0.05, 0.15],
    industry: [0.02, 0.03, 0.35, 0.55, 0.05],
    livelihood: [0.2, 0.35, 0.2, 0.05, 0.2],
    ecology: [0.25, 0.3, 0.2, 0.1, 0.15]
  };
  const w: number[] = base[sector].map((b) => (rng.chance(0.25) ? 0 : b * rng.range(0.5, 1.5)));
  if (!w.some((x) => x > 0)) w[4] = 1;
  return allocate(
    total,
    w,
    undefined,
    w.map((x) => (x === 0 ? 0 : Infinity))
  );
}

function approvals(
  rng: Rng,
  ctx: BuildContext,
  phase: Phase,
  total: number,
  sector: Sector,
  start: string | null,
  plannedStart: string | null
): Row {
  const out: Row = {};
  const from = `${ctx.firstYear - (phase === 'continuing' || phase === 'completion' ? 5 : 1)}-01-01`;
  for (const kind of APPROVAL_KINDS) {
    let status: ApprovalStatus;
    let date: string | null = null;
    const optional =
      (kind === 'energy' && (total < 5000 || sector === 'livelihood')) || (kind === 'eia' && sector === 'livelihood' && total < 3000);
    if (optional && rng.chance(0.7)) status = 'not_required';
    else if (start) {
      status = 'done';
      // Every approval precedes the start; the construction permit comes last.
      const latest = addDays(start, kind === 'construction' ? -rng.int(1, 20) : -rng.int(25, 200));
      date = dayBetween((a, b) => rng.int(a, b), minDate(from, latest), latest);
    } else {
      const p =
        phase === 'preparatory'
          ? { project: 0.75, land: 0.35, planning: 0.45, eia: 0.4, energy: 0.4, construction: 0.02 }[kind]
          : { project: 0.97, land: 0.8, planning: 0.8, eia: 0.75, energy: 0.75, construction: 0.15 }[kind];
      const r = rng.float();
      status = r < p ? 'done' : r < p + (1 - p) * 0.6 ? 'in_progress' : 'pending';
      if (status === 'done') {
        const latest = plannedStart ? minDate(ctx.asOf, addDays(plannedStart, -5)) : ctx.asOf;
        date = dayBetween((a, b) => rng.int(a, b), minDate(from, latest), latest);
      }
    }
    out[`approval_${kind}`] = status;
    out[`approval_${kind}_date`] = date;
  }
  return out;
}

export function buildProject(ctx: BuildContext, s: ProjectSpec): BuiltProject {
  const rng = ctx.rng;
  const Y = ctx.year;
  const named = nameProject(
    { rng, v: ctx.vocab, district: s.district.name, code: s.district.code, core: ctx.core.includes(s.district.code), year: Y },
    s.sector,
    ctx.taken
  );
  const name = s.name ?? named.name;
  if (s.name) ctx.taken.add(s.name);
  let plannedStart: string | null;
  let plannedCompletion: string | null;
  let actualStart: string | null = null;
  switch (s.phase) {
    case 'preparatory':
      plannedStart = rng.chance(0.15) ? null : iso(Y + rng.weighted([0, 1, 2], [0.25, 0.6, 0.15]), rng.int(1, 12), rng.int(1, 28));
      if (plannedStart && plannedStart <= ctx.asOf) plannedStart = iso(Y, 12, rng.int(1, 28));
      plannedCompletion = plannedStart ? iso(Number(plannedStart.slice(0, 4)) + rng.int(1, 4), rng.int(1, 12), 28) : null;
      break;
    case 'new': {
      plannedStart = s.plannedStart ?? iso(Y, rng.weighted([2, 3, 4, 5, 6, 7, 8, 9, 10], [8, 14, 10, 8, 8, 4, 3, 2, 1]), rng.int(1, 28));
      plannedCompletion = iso(Y + rng.int(1, 3), rng.int(1, 12), 28);
      if (s.actualStart !== undefined) actualStart = s.actualStart;
      else if (plannedStart <= ctx.asOf) {
        if (rng.chance(0.86)) actualStart = minDate(ctx.asOf, maxDate(`${Y}-01-05`, addDays(plannedStart, rng.int(-20, 75))));
      } else if (rng.chance(0.08)) actualStart = addDays(ctx.asOf, -rng.int(5, 60));
      if (actualStart && actualStart > ctx.asOf) actualStart = null;
      break;
    }
    case 'continuing':
      actualStart = s.actualStart ?? iso(ctx.firstYear - rng.weighted([1, 2, 3], [0.5, 0.35, 0.15]), rng.int(1, 12), rng.int(1, 28));
      plannedStart = addDays(actualStart, -rng.int(0, 60));
      plannedCompletion = iso(Y + rng.int(1, 3), rng.int(1, 12), 28);
      break;
    default:
      actualStart =
        s.actualStart ?? iso(ctx.firstYear - rng.weighted([1, 2, 3, 4], [0.35, 0.35, 0.2, 0.1]), rng.int(1, 12), rng.int(1, 28));
      plannedStart = addDays(actualStart, -rng.int(0, 45));
      plannedCompletion = iso(Y, rng.weighted([3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [1, 1, 2, 3, 2, 2, 3, 3, 4, 8]), 28);
  }
  // Location: linear works get a line inside the district, others a point.
  let geometry: string | null = null;
  let lon: number, lat: number;
  let precision: string;
  const line = named.linear && !s.name ? randomLine(rng, s.district, rng.range(named.linear[0], named.linear[1])) : null;
  if (line) {
    geometry = JSON.stringify({ type: 'LineString', coordinates: line });
    [lon, lat] = line[Math.floor(line.length / 2)] as [number, number];
    precision = 'surveyed';
  } else if (s.phase === 'preparatory' && rng.chance(0.3)) {
    [lon, lat] = s.district.label;
    precision = 'district';
  } else {
    [lon, lat] = randomPoint(rng, s.district, 0.55);
    precision = rng.chance(0.6) ? 'surveyed' : 'geocoded';
  }
  const funding = fundingSplit(rng, s.sector, s.total);
  const started = actualStart !== null;
  const titles =
    ctx.vocab.unitPrefix === '县'
      ? ['副县长', '县委常委', '县政府办主任', '局长']
      : [
          '副市长',
          '市政府副秘书长',
          ({ 县: '副县长', 市: '副市长', 区: '副区长' } as Record<string, string>)[s.district.name.slice(-1)] ?? '副区长',
          '局长',
          '管委会主任'
        ];
  const lead =
    s.leadOfficial === undefined || s.leadOfficial === null
      ? rng.chance(0.85)
        ? { name: official(rng, rng.pick(titles)), rank: '' }
        : null
      : s.leadOfficial;
  const units = named.units;
  return {
    linear: line !== null,
    row: {
      id: s.id,
      name,
      jurisdiction: ctx.jurisdiction,
      district_code: s.district.code,
      district_name: s.district.name,
      sector: s.sector,
      phase: s.phase,
      level: s.level,
      size_bucket: sizeBucketOf(s.total),
      total_investment: s.total,
      annual_plan: s.annual,
      invested_before: s.investedBefore,
      planned_start: plannedStart,
      planned_completion: plannedCompletion,
      actual_start: actualStart,
      actual_completion: null,
      lon,
      lat,
      location_precision: precision,
      geometry,
      responsible_units: units.join('、'),
      lead_unit: units[0],
      lead_official: lead ? lead.name : null,
      lead_official_rank: lead?.rank || null,
      owner: s.owner ?? named.owner,
      info_officer: person(rng),
      funding_central_budget: funding[0],
      funding_special_bonds: funding[1],
      funding_bank_loans: funding[2],
      funding_private_capital: funding[3],
      funding_other: funding[4],
      ...approvals(rng, ctx, s.phase, s.total, s.sector, actualStart, plannedStart),
      stat_registered: started ? rng.chance(0.95) : false,
      batch: s.batch ?? 'initial',
      exited_on: s.exitedOn ?? null,
      description: s.description ?? null,
      internal_note: null
    }
  };
}
