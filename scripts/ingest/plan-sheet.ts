/**
 * One plan annex sheet to project drafts: section rows give the phase ("一、新开工项目（183项）")
 * and the sector ("（一）基础设施项目"), subtotal and total rows are kept for reconciliation
 * and never imported, every other row with a number or a name is a project.
 */
import {
  APPROVAL_KINDS, sizeBucketOf, type ApprovalStatus, type Phase, type ProjectLevel, type Sector
} from '../../src/lib/schema.ts';
import type { Row } from '../lib/dataset-writer.ts';
import { classifyRow, levelOf, phaseOf, sectorOf, type Column, type Layout } from './detect-layout.ts';
import type { Datum, Field } from './header-map.ts';
import type { Issue, Reason, Warning } from './issues.ts';
import { datumFromCell, readCoordinates, splitCoordinateCell } from './locations.ts';
import { centsToMoney, parseAmount, type AmountUnit } from './parse-amount.ts';
import { isDateCell, parseDate, parseDateSpan, type DateRole } from './parse-date.ts';
import { splitList, type DistrictIndex } from './parse-places.ts';
import type { SheetGrid } from './read-workbook.ts';
import { chineseNumeral, cleanText, nameKey, toHalfWidth } from './text.ts';

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
  totalCents: number;
  annualCents: number;
  /** Row carries at least one issue and is not imported. */
  invalid: boolean;
  idGiven: boolean;
}

export interface ReconUnit {
  file: string;
  sheet: string;
  row: number | null;
  label: string;
  scope: 'sheet' | 'section';
  phase: Phase | null;
  sector: Sector | null;
  stated: { count: number | null; totalCents: number | null; annualCents: number | null };
  /** Spreadsheet rows of the projects under this heading. */
  members: number[];
}

export interface PlanSheetResult {
  drafts: Draft[];
  issues: Issue[];
  warnings: Warning[];
  units: ReconUnit[];
  counts: { sections: number; totals: number; notes: number };
  /** Defaults this sheet needed, for meta.invented and the report. */
  defaultsUsed: Set<string>;
}

const APPROVAL_DONE = /已|完成|办结|取得|批复|✓|√|^是$|^done$|^有$/i;
const APPROVAL_DOING = /办理中|在办|正在|进行|申报|报批|编制|in_progress/i;
const APPROVAL_NA = /无需|不需|不涉及|免|not_required|^\/$/i;
const APPROVAL_PENDING = /未|待|^否$|pending|×|✗|^无$/i;

export function approvalStatus(value: unknown): ApprovalStatus | null {
  if (value === null || value === undefined || String(value).trim() === '') return 'pending';
  if (isDateCell(value)) return 'done';
  const s = cleanText(String(value));
  if (APPROVAL_NA.test(s)) return 'not_required';
  if (APPROVAL_DOING.test(s)) return 'in_progress';
  if (APPROVAL_PENDING.test(s)) return 'pending';
  if (APPROVAL_DONE.test(s)) return 'done';
  return null;
}

export function batchOf(value: unknown): string | null {
  if (value === null || value === undefined || String(value).trim() === '') return 'initial';
  const s = toHalfWidth(cleanText(String(value)));
  if (/^(initial|supplement-\d+)$/.test(s)) return s;
  if (/增补|补充|追加/.test(s)) {
    const n = /(\d+|[一二三四五六七八九十]+)/.exec(s.replace(/^第/, ''));
    return `supplement-${n ? chineseNumeral(n[1]) ?? 1 : 1}`;
  }
  if (/首批|第一批|初始|年初|计划内|^1$/.test(s)) return 'initial';
  return null;
}

const TRUE = /^(是|已|已入库|已入统|√|✓|true|yes|y|1)$/i;
const FALSE = /^(否|未|未入库|未入统|×|false|no|n|0|)$/i;

export function readPlanSheet(file: string, sheet: SheetGrid, layout: Layout, opts: PlanOptions): PlanSheetResult {
  const drafts: Draft[] = [];
  const issues: Issue[] = [];
  const warnings: Warning[] = [];
  const units: ReconUnit[] = [];
  const defaultsUsed = new Set<string>();
  const counts = { sections: 0, totals: 0, notes: 0 };
  const sheetUnit: ReconUnit = {
    file, sheet: sheet.name, row: null, label: '(sheet)', scope: 'sheet', phase: null, sector: null,
    stated: { count: null, totalCents: null, annualCents: null }, members: []
  };
  units.push(sheetUnit);
  let open: ReconUnit[] = [];
  let sectionPhase: Phase | null = null;
  let sectionSector: Sector | null = null;
  let datumWarned = false;

  const colOf = (f: Field) => layout.byField.get(f);
  const at = (r: number, c: Column | undefined) => (c ? sheet.values[r][c.index] ?? null : null);
  const textOf = (r: number, c: Column | undefined) => (c ? sheet.texts[r][c.index] ?? null : null);
  const statedAmount = (r: number, f: 'total' | 'annual') => {
    const c = colOf(f);
    const v = parseAmount(at(r, c), c?.meaning?.unit ?? layout.unit);
    return v.ok ? v.cents : null;
  };

  for (let r = layout.dataStart; r < sheet.values.length; r++) {
    const row1 = r + 1;
    const kind = classifyRow(sheet, r, layout);
    if (kind.kind === 'empty' || kind.kind === 'header') continue;
    if (kind.kind === 'note') {
      counts.notes++;
      continue;
    }
    if (kind.kind === 'section') {
      counts.sections++;
      if (kind.level === 1) {
        open = [];
        sectionPhase = kind.phase;
        sectionSector = kind.sector;
      } else {
        open = open.filter((u) => u.row !== null && sectionLevel.get(u) === 1);
        if (kind.phase) sectionPhase = kind.phase;
        sectionSector = kind.sector;
      }
      const unit: ReconUnit = {
        file, sheet: sheet.name, row: row1, label: kind.label, scope: 'section', phase: sectionPhase, sector: sectionSector,
        stated: { count: kind.count, totalCents: statedAmount(r, 'total'), annualCents: statedAmount(r, 'annual') }, members: []
      };
      sectionLevel.set(unit, kind.level);
      if (!kind.phase && !kind.sector) {
        warnings.push({ file, sheet: sheet.name, row: row1, column: null, header: null, message: `section "${kind.label}" names neither a phase nor a sector; kept only for reconciliation` });
      }
      units.push(unit);
      open.push(unit);
      continue;
    }
    if (kind.kind === 'total') {
      counts.totals++;
      const stated = { totalCents: statedAmount(r, 'total'), annualCents: statedAmount(r, 'annual') };
      const target = kind.scope === 'sheet' || open.length === 0 ? sheetUnit : pickUnit(open, kind.label);
      if (target === sheetUnit) Object.assign(target.stated, stated, { count: target.stated.count });
      else if (target.stated.totalCents === null && target.stated.annualCents === null) {
        Object.assign(target.stated, stated);
        target.label = `${target.label} / ${kind.label}`;
        target.row = row1;
      }
      else units.push({ ...target, row: row1, label: kind.label, stated: { count: null, ...stated }, members: target.members });
      continue;
    }
    // a project row
    const rowIssues: Issue[] = [];
    const issue = (reason: Reason, c: Column | undefined, message: string, value?: unknown) =>
      rowIssues.push({
        file, sheet: sheet.name, row: row1, column: c?.letter ?? null, header: c?.header ?? null, reason, message,
        ...(value !== undefined && value !== null ? { value: String(isDateCell(value) ? `${value.y}-${value.m}-${value.d}` : value) } : {})
      });
    const warn = (c: Column | undefined, message: string) =>
      warnings.push({ file, sheet: sheet.name, row: row1, column: c?.letter ?? null, header: c?.header ?? null, message });

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
    if (!phase && !rowIssues.some((i) => i.reason === 'bad_value')) issue('missing_phase', colOf('phase'), 'no phase column, section heading or --phase');

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
    const money = (f: Field, required: boolean): number | null => {
      const c = colOf(f);
      const v = at(r, c);
      const res = parseAmount(v, c?.meaning?.unit ?? layout.unit);
      if (!res.ok) {
        issue('bad_amount', c, res.reason, v);
        return null;
      }
      if (res.cents === null) {
        if (required) issue('missing_amount', c, c ? `${c.header} is empty` : `the sheet has no ${f === 'total' ? '总投资' : '年度计划投资'} column`);
        return null;
      }
      if (res.cents < 0) {
        issue('negative_amount', c, `${c?.header} is negative`, v);
        return null;
      }
      if (res.rounded) warn(c, `amount "${v}" has more than two decimals of 万元; rounded half up`);
      return res.cents;
    };
    const total = money('total', true);
    let annual = money('annual', phase !== 'preparatory');
    if (annual === null && phase === 'preparatory' && !rowIssues.some((i) => i.header === colOf('annual')?.header)) {
      annual = 0;
    }
    const beforeCol = colOf('invested_before');
    let before = beforeCol ? money('invested_before', false) : null;
    if (before === null) {
      before = 0;
      defaultsUsed.add('invested_before: 0 where the sheet gives no 截至上年底累计完成投资');
    }
    if (total !== null && annual !== null) {
      if (annual > total) issue('annual_above_total', colOf('annual'), `annual plan ${centsToMoney(annual)} > total ${centsToMoney(total)} 万元`);
      else if (before > 0 && annual > total - before) {
        issue('annual_above_total', colOf('annual'), `annual plan ${centsToMoney(annual)} > total ${centsToMoney(total)} − invested before ${centsToMoney(before)} 万元`);
      }
    }
    const funding: Record<string, string> = {};
    for (const f of ['funding_central_budget', 'funding_special_bonds', 'funding_bank_loans', 'funding_private_capital', 'funding_other'] as const) {
      const c = colOf(f);
      const cents = c ? money(f, false) : null;
      if (!c) defaultsUsed.add('funding_*: 0 where the sheet has no 资金来源 columns');
      funding[f] = centsToMoney(cents ?? 0);
    }

    // dates
    const date = (f: Field, role: DateRole): string | null => {
      const c = colOf(f);
      const v = at(r, c);
      const res = parseDate(typeof v === 'number' ? (textOf(r, c) ?? v) : v, role);
      if (!res.ok) {
        issue('unparseable_date', c, res.reason, v);
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
      if (!span.ok) issue('unparseable_date', spanCol, span.reason, v);
      else {
        plannedStart ??= span.start;
        plannedCompletion ??= span.end;
      }
    }
    const actualStart = date('actual_start', 'start');
    const actualCompletion = date('actual_completion', 'end');
    const exitedOn = date('exited_on', 'end');

    // district
    let district: { code: string; name: string; label: [number, number] } | null = null;
    const dCol = colOf('district');
    const dCodeCol = colOf('district_code');
    const places = splitList(at(r, dCol));
    if (places.length) {
      const matches = places.map((p) => ({ p, m: opts.districts.match(p) }));
      const first = matches.find((x) => x.m);
      if (!first) {
        issue('unknown_district', dCol, `"${places.join('、')}" is not a district of the boundaries${/新区|开发区|园区|高新区/.test(places.join('')) ? ' (a development zone: map it with --zones)' : ''}`, at(r, dCol));
      } else {
        district = first.m!.district;
        const unknown = matches.filter((x) => !x.m).map((x) => x.p);
        if (places.length > 1) warn(dCol, `several places "${places.join('、')}": district is the first known one, ${district.name}${unknown.length ? `; not districts: ${unknown.join('、')}` : ''}`);
      }
    } else if (dCodeCol && at(r, dCodeCol) !== null) {
      const m = opts.districts.match(String(at(r, dCodeCol)));
      if (m) district = m.district;
      else issue('unknown_district', dCodeCol, `code "${at(r, dCodeCol)}" is not a district of the boundaries`, at(r, dCodeCol));
    } else if (opts.districts.districts.length === 1) {
      district = opts.districts.districts[0];
      defaultsUsed.add(`district: the only district of the boundaries (${district.name}) where no district is given`);
    } else {
      issue('unknown_district', dCol, dCol ? 'the district cell is empty' : 'the sheet has no district column (县区 / 建设地点)');
    }

    // location
    let lonLat: [number, number] | null = null;
    let precision: 'surveyed' | 'geocoded' | 'district' = 'district';
    const lonCol = colOf('lon');
    const latCol = colOf('lat');
    const coordsCol = colOf('coords');
    if (lonCol || latCol || coordsCol) {
      const [lonCell, latCell] = lonCol || latCol ? [at(r, lonCol), at(r, latCol)] : splitCoordinateCell(at(r, coordsCol));
      const declared = datumFromCell(at(r, colOf('datum'))) ?? lonCol?.meaning?.datum ?? latCol?.meaning?.datum ?? coordsCol?.meaning?.datum ?? opts.datum;
      const res = readCoordinates(lonCell, latCell, declared ?? 'wgs84');
      if (!res.ok) issue('bad_coordinates', lonCol ?? coordsCol, res.reason);
      else if (res.lonLat) {
        lonLat = res.lonLat;
        precision = /编码|geocod/i.test(String(at(r, colOf('location_precision')) ?? '')) ? 'geocoded' : 'surveyed';
        if (!declared && !datumWarned) {
          datumWarned = true;
          warn(lonCol ?? coordsCol, 'coordinates without a declared datum are taken as WGS-84 (declare it in the header, a 坐标系 column or --datum)');
          defaultsUsed.add('coordinates: WGS-84 assumed where no datum is declared');
        }
      }
    }
    if (!lonLat && district) {
      lonLat = district.label;
      defaultsUsed.add("location: the district's label point with location_precision 'district' where no coordinates are given");
    }

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
      approvals[`approval_${k}_date`] = isDateCell(v) ? parseDateOk(v) : null;
    }
    const regCell = at(r, colOf('stat_registered'));
    let registered = false;
    if (regCell === null) defaultsUsed.add('stat_registered: false where the sheet has no 入库 column');
    else if (typeof regCell === 'boolean') registered = regCell;
    else if (TRUE.test(cleanText(String(regCell)))) registered = true;
    else if (!FALSE.test(cleanText(String(regCell)))) issue('bad_value', colOf('stat_registered'), `入库 "${regCell}" is not 是/否`, regCell);
    const batch = batchOf(at(r, colOf('batch')));
    if (!batch) issue('bad_value', colOf('batch'), `batch "${at(r, colOf('batch'))}" not understood (首批 / 增补)`, at(r, colOf('batch')));
    const geometry = readGeometry(at(r, colOf('geometry')));
    if (geometry === false) issue('bad_value', colOf('geometry'), 'not a GeoJSON LineString or MultiLineString', String(at(r, colOf('geometry'))).slice(0, 60));
    const rankCell = at(r, colOf('lead_official_rank'));
    const rank = rankCell === null ? null : rankOf(String(rankCell));
    if (rankCell !== null && !rank) issue('bad_value', colOf('lead_official_rank'), `leader rank "${rankCell}" is not 市领导/县领导/重点部门/其他部门`, rankCell);
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
      size_bucket: total !== null ? sizeBucketOf(total / 100) : null,
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
      src: { file, sheet: sheet.name, row: row1 }, project, totalCents: total ?? 0, annualCents: annual ?? 0,
      invalid: rowIssues.length > 0, idGiven: !!idText
    };
    drafts.push(draft);
    issues.push(...rowIssues);
    sheetUnit.members.push(row1);
    for (const u of open) u.members.push(row1);
  }
  return { drafts, issues, warnings, units, counts, defaultsUsed };
}

const RANKS: [RegExp, string][] = [
  [/^city_leader$|市(级)?领导|市委|市政府/, 'city_leader'],
  [/^county_leader$|(县|区|县\(区\)|县（区）)(级)?领导/, 'county_leader'],
  [/^key_department$|重点部门/, 'key_department'],
  [/^other_department$|其他部门|^部门$/, 'other_department']
];
export function rankOf(text: string): string | null {
  const s = cleanText(text);
  return RANKS.find(([re]) => re.test(s))?.[1] ?? null;
}

/** A GeoJSON LineString / MultiLineString as text; null when blank, false when not one. */
export function readGeometry(value: unknown): string | null | false {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  try {
    const g = JSON.parse(String(value)) as { type?: string; coordinates?: unknown };
    if ((g.type === 'LineString' || g.type === 'MultiLineString') && Array.isArray(g.coordinates)) return JSON.stringify(g);
  } catch {
    /* not JSON */
  }
  return false;
}

const sectionLevel = new WeakMap<ReconUnit, 1 | 2>();

function pickUnit(open: ReconUnit[], label: string): ReconUnit {
  const p = phaseOf(label);
  const s = sectorOf(label);
  const hit = [...open].reverse().find((u) => (s && u.sector === s) || (p && !s && u.phase === p && !u.sector));
  return hit ?? open[open.length - 1];
}

function parseDateOk(v: unknown): string | null {
  const r = parseDate(v);
  return r.ok ? r.date : null;
}

export const PROJECT_KEY = (name: string) => nameKey(name);
