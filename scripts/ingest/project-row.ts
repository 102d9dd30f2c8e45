/**
 * One project row of a plan sheet to a schema row, with every problem of the row as an issue
 * located by column. Phase and sector come from the row's own columns, else the section
 * heading above it, else the sheet name or title, else --phase / --sector.
 */
import { APPROVAL_KINDS, sizeBucketOf, type Phase, type ProjectLevel, type Sector } from '../../src/lib/schema.ts';
import type { Row } from '../lib/dataset-writer.ts';
import { approvalStatus, batchOf, rankOf, readGeometry, registeredOf } from './cell-values.ts';
import { levelOf, phaseOf, sectorOf, type Column, type Layout } from './detect-layout.ts';
import type { Datum, Field } from './header-map.ts';
import type { Issue, Reason, Warning, WarningCheck } from './issues.ts';
import { formulaErrorIssues, withoutFollowOns } from './formula-errors.ts';
import {
  centsToMoney,
  fitsRange,
  impreciseMessage,
  MAX_CENTS,
  MAX_METRIC_CENTS,
  outOfRangeMessage,
  parseAmount,
  type AmountUnit
} from './parse-amount.ts';
import { cellText, isDateCell, parseDate, parseDateSpan, type DateRole } from './parse-date.ts';
import { splitList, type DistrictIndex } from './parse-places.ts';
import { readDistrict, readLocation, type RowTools } from './row-place.ts';
import { isErrorCell, type SheetGrid } from './read-workbook.ts';
import { cleanText } from './text.ts';

export interface PlanOptions {
  districts: DistrictIndex;
  datum?: Datum;
  level: ProjectLevel;
  phase?: Phase;
  sector?: Sector;
  jurisdiction: string;
  unit?: AmountUnit;
}

export interface Draft {
  src: { file: string; sheet: string; row: number };
  project: Row;
  totalCents: bigint;
  annualCents: bigint;
  /** Row carries at least one issue and is not imported. */
  invalid: boolean;
  idGiven: boolean;
}

export interface RowContext {
  file: string;
  sheet: SheetGrid;
  layout: Layout;
  opts: PlanOptions;
  sectionPhase: Phase | null;
  sectionSector: Sector | null;
  warnings: Warning[];
  defaultsUsed: Set<string>;
  /** Warn once per sheet about coordinates without a datum. */
  state: { datumWarned: boolean };
}

export function readProjectRow(ctx: RowContext, r: number): { draft: Draft; issues: Issue[] } {
  const { file, sheet, layout, opts, sectionPhase, sectionSector, warnings, defaultsUsed } = ctx;
  const row1 = r + 1;
  const colOf = (f: Field) => layout.byField.get(f);
  const at = (row: number, c: Column | undefined) => {
    const v = c ? (sheet.values[row][c.index] ?? null) : null;
    return isErrorCell(v) ? null : v;
  };
  const textOf = (row: number, c: Column | undefined) => (c ? (sheet.texts[row][c.index] ?? null) : null);
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
      ...(value !== undefined && value !== null ? { value: cellText(value)! } : {})
    });
  const warn = (c: Column | undefined, message: string, check?: WarningCheck) =>
    warnings.push({
      file,
      sheet: sheet.name,
      row: row1,
      column: c?.letter ?? null,
      header: c?.header ?? null,
      message,
      ...(check ? { check } : {})
    });

  const nameCol = colOf('name');
  const name = cleanText(String(at(r, nameCol) ?? ''));
  if (!name) issue('missing_name', nameCol, 'the row has no project name');

  const idCol = colOf('id');
  const idText = cleanText(String(textOf(r, idCol) ?? ''));

  // phase and sector: own column, then the section heading, then sheet name/title, then options
  const phaseCell = at(r, colOf('phase')) ?? at(r, colOf('category'));
  let phase: Phase | null = null;
  if (phaseCell !== null && colOf('phase')) {
    phase = phaseOf(String(phaseCell));
    if (!phase) issue('bad_value', colOf('phase'), `phase "${phaseCell}" is not 新开工/续建/竣工/预备`, phaseCell);
  } else if (phaseCell !== null) phase = phaseOf(String(phaseCell));
  phase ??= sectionPhase ?? layout.phaseHint ?? null;
  if (!phase && opts.phase) {
    phase = opts.phase;
    defaultsUsed.add(`phase: --phase ${opts.phase} for rows without a phase column or section`);
  }
  if (!phase && !rowIssues.some((i) => i.reason === 'bad_value'))
    issue('missing_phase', colOf('phase'), 'no phase column, section heading or --phase');

  const sectorCell = at(r, colOf('sector')) ?? at(r, colOf('category'));
  let sector: Sector | null = null;
  if (sectorCell !== null && colOf('sector')) {
    sector = sectorOf(String(sectorCell));
    if (!sector) issue('bad_value', colOf('sector'), `sector "${sectorCell}" is not 基础设施/产业发展/民生保障/生态环保`, sectorCell);
  } else if (sectorCell !== null) sector = sectorOf(String(sectorCell));
  sector ??= sectionSector;
  if (!sector && opts.sector) {
    sector = opts.sector;
    defaultsUsed.add(`sector: --sector ${opts.sector} for rows without a sector column or section`);
  }
  if (!sector && !rowIssues.some((i) => i.reason === 'bad_value' && i.column === colOf('sector')?.letter)) {
    issue('missing_sector', colOf('sector'), 'no sector column, section heading or --sector');
  }

  const levelCell = at(r, colOf('level'));
  let level: ProjectLevel | null = opts.level;
  if (levelCell !== null) {
    level = levelOf(String(levelCell));
    if (!level) issue('bad_value', colOf('level'), `level "${levelCell}" is not 省级/市级/县级`, levelCell);
  } else defaultsUsed.add(`level: "${opts.level}" (--level) where the sheet has no level column`);

  // money
  const money = (f: Field, required: boolean): bigint | null => {
    const c = colOf(f);
    const v = at(r, c);
    const res = parseAmount(v, c?.meaning?.unit ?? layout.unit);
    if (!res.ok) {
      issue('bad_amount', c, res.reason, v);
      return null;
    }
    if (res.cents === null) {
      if (required)
        issue('missing_amount', c, c ? `${c.header} is empty` : `the sheet has no ${f === 'total' ? '总投资' : '年度计划投资'} column`);
      return null;
    }
    if (res.cents < 0n) {
      issue('negative_amount', c, `${c?.header} is negative`, v);
      return null;
    }
    const max = f === 'annual' ? MAX_METRIC_CENTS : MAX_CENTS;
    if (!fitsRange(res.cents, max)) {
      issue('amount_out_of_range', c, outOfRangeMessage(c?.header, res.cents, max), v);
      return null;
    }
    if (res.rounded) warn(c, `amount "${v}" has more than two decimals of 万元; rounded half up`);
    if (res.imprecise) warn(c, impreciseMessage(v));
    return res.cents;
  };
  const total = money('total', true);
  let annual = money('annual', phase !== 'preparatory');
  if (annual === null && phase === 'preparatory' && !rowIssues.some((i) => i.header === colOf('annual')?.header)) {
    annual = 0n;
  }
  const beforeCol = colOf('invested_before');
  let before = beforeCol ? money('invested_before', false) : null;
  if (before === null) {
    before = 0n;
    defaultsUsed.add('invested_before: 0 where the sheet gives no 截至上年底累计完成投资');
  }
  if (total !== null && annual !== null) {
    if (annual > total)
      issue('annual_above_total', colOf('annual'), `annual plan ${centsToMoney(annual)} > total ${centsToMoney(total)} 万元`);
    else if (before > 0n && annual > total - before) {
      issue(
        'annual_above_total',
        colOf('annual'),
        `annual plan ${centsToMoney(annual)} > total ${centsToMoney(total)} − invested before ${centsToMoney(before)} 万元`
      );
    }
  }
  const funding: Record<string, string> = {};
  for (const f of [
    'funding_central_budget',
    'funding_special_bonds',
    'funding_bank_loans',
    'funding_private_capital',
    'funding_other'
  ] as const) {
    const c = colOf(f);
    const cents = c ? money(f, false) : null;
    if (!c) defaultsUsed.add('funding_*: 0 where the sheet has no 资金来源 columns');
    funding[f] = centsToMoney(cents ?? 0n);
  }

  // dates
  const date = (f: Field, role: DateRole): string | null => {
    const c = colOf(f);
    const v = at(r, c);
    const res = parseDate(typeof v === 'number' ? (textOf(r, c) ?? v) : v, role);
    if (!res.ok) {
      issue(res.serial ? 'bad_date_serial' : 'unparseable_date', c, res.reason, v);
      return null;
    }
    return res.date;
  };
  let plannedStart = date('planned_start', 'start');
  let plannedCompletion = date('planned_completion', 'end');
  const spanCol = colOf('span');
  if (spanCol) {
    const v = at(r, spanCol);
    const span = parseDateSpan(typeof v === 'number' ? (textOf(r, spanCol) ?? v) : v);
    if (!span.ok) issue(span.serial ? 'bad_date_serial' : 'unparseable_date', spanCol, span.reason, v);
    else {
      plannedStart ??= span.start;
      plannedCompletion ??= span.end;
    }
  }
  const actualStart = date('actual_start', 'start');
  const actualCompletion = date('actual_completion', 'end');
  const exitedOn = date('exited_on', 'end');
  const inOrder = (start: string | null, end: string | null, sCol: Column | undefined, eCol: Column | undefined) => {
    if (start && end && end < start)
      issue('completion_before_start', eCol, `${eCol?.header} ${end} is before ${sCol?.header} ${start}: check both dates`);
  };
  inOrder(plannedStart, plannedCompletion, colOf('planned_start') ?? spanCol, colOf('planned_completion') ?? spanCol);
  inOrder(actualStart, actualCompletion, colOf('actual_start'), colOf('actual_completion'));

  const tools: RowTools = { at: (c) => at(r, c), colOf, issue, warn, defaultsUsed };
  const district = readDistrict(tools, opts.districts);
  const { lonLat, precision } = readLocation(tools, opts.districts, district, opts.datum, ctx.state);

  // people and units
  const units_ = splitList(at(r, colOf('responsible_units')));
  if (!units_.length) defaultsUsed.add("responsible_units / lead_unit: '' where not given");
  const owner = cleanText(String(at(r, colOf('owner')) ?? ''));
  if (!owner) defaultsUsed.add("owner: '' where not given");
  const officials = splitList(at(r, colOf('lead_official')));
  const approvals: Row = {};
  for (const k of APPROVAL_KINDS) {
    const c = colOf(`approval_${k}`);
    const v = at(r, c);
    const st = approvalStatus(v);
    if (!c) defaultsUsed.add("approvals: 'pending' where the sheet has no 前期手续 columns");
    if (!st) issue('bad_value', c, `approval status "${v}" not understood (已完成 / 办理中 / 未办理 / 无需办理)`, v);
    approvals[`approval_${k}`] = st ?? 'pending';
    const done = isDateCell(v) ? parseDate(v) : null;
    if (done && !done.ok) issue(done.serial ? 'bad_date_serial' : 'unparseable_date', c, done.reason, v);
    approvals[`approval_${k}_date`] = done?.ok ? done.date : null;
  }
  const regCell = at(r, colOf('stat_registered'));
  const reg = registeredOf(regCell);
  if (reg === null) defaultsUsed.add('stat_registered: false where the sheet has no 入库 column');
  if (reg === undefined) issue('bad_value', colOf('stat_registered'), `入库 "${regCell}" is not 是/否`, regCell);
  const registered = reg ?? false;
  const batch = batchOf(at(r, colOf('batch')));
  if (!batch) issue('bad_value', colOf('batch'), `batch "${at(r, colOf('batch'))}" not understood (首批 / 增补)`, at(r, colOf('batch')));
  const geometry = readGeometry(at(r, colOf('geometry')));
  if (geometry === false)
    issue('bad_value', colOf('geometry'), 'not a GeoJSON LineString or MultiLineString', String(at(r, colOf('geometry'))).slice(0, 60));
  const rankCell = at(r, colOf('lead_official_rank'));
  const rank = rankCell === null ? null : rankOf(String(rankCell));
  if (rankCell !== null && !rank)
    issue('bad_value', colOf('lead_official_rank'), `leader rank "${rankCell}" is not 市领导/县领导/重点部门/其他部门`, rankCell);
  const description = cleanText(String(at(r, colOf('description')) ?? '')) || null;
  const note = cleanText(String(at(r, colOf('note')) ?? '')) || null;

  const project: Row = {
    id: idText || null,
    name,
    jurisdiction: opts.jurisdiction,
    district_code: district?.code ?? null,
    district_name: district?.name ?? null,
    sector,
    phase,
    level,
    size_bucket: total !== null ? sizeBucketOf(Number(total) / 100) : null,
    total_investment: total !== null ? centsToMoney(total) : null,
    annual_plan: annual !== null ? centsToMoney(annual) : null,
    invested_before: centsToMoney(before),
    planned_start: plannedStart,
    planned_completion: plannedCompletion,
    actual_start: actualStart,
    actual_completion: actualCompletion,
    lon: lonLat?.[0] ?? null,
    lat: lonLat?.[1] ?? null,
    location_precision: precision,
    geometry: geometry || null,
    responsible_units: units_.join('、'),
    lead_unit: units_[0] ?? '',
    lead_official: officials.length ? officials.join('、') : null,
    lead_official_rank: rank,
    owner,
    info_officer: cleanText(String(at(r, colOf('info_officer')) ?? '')) || null,
    ...funding,
    ...approvals,
    stat_registered: registered,
    batch: batch ?? 'initial',
    exited_on: exitedOn,
    description,
    internal_note: note
  };
  const draft: Draft = {
    src: { file, sheet: sheet.name, row: row1 },
    project,
    totalCents: total ?? 0n,
    annualCents: annual ?? 0n,
    invalid: rowIssues.length > 0,
    idGiven: !!idText
  };
  return { draft, issues: withoutFollowOns(rowIssues) };
}
