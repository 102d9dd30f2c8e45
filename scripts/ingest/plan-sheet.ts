/**
 * One plan annex sheet to project drafts: section rows give the phase ("一、新开工项目（183项）")
 * and the sector ("（一）基础设施项目"), subtotal and total rows are kept for reconciliation
 * and never imported, every other row with a number or a name is a project (project-row.ts).
 */
import type { Phase, Sector } from '../../src/lib/schema.ts';
import { classifyRow, phaseOf, sectorOf, type Column, type Layout } from './detect-layout.ts';
import { formulaErrorMessage } from './formula-errors.ts';
import type { Field } from './header-map.ts';
import type { Issue, Warning } from './issues.ts';
import { parseAmount } from './parse-amount.ts';
import { readProjectRow, type Draft, type PlanOptions } from './project-row.ts';
import { isErrorCell, type SheetGrid } from './read-workbook.ts';

export type { Draft, PlanOptions } from './project-row.ts';

export interface ReconUnit {
  file: string;
  sheet: string;
  row: number | null;
  label: string;
  scope: 'sheet' | 'section';
  phase: Phase | null;
  sector: Sector | null;
  stated: { count: number | null; totalCents: bigint | null; annualCents: bigint | null };
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
export function readPlanSheet(file: string, sheet: SheetGrid, layout: Layout, opts: PlanOptions): PlanSheetResult {
  const drafts: Draft[] = [];
  const issues: Issue[] = [];
  const warnings: Warning[] = [];
  const units: ReconUnit[] = [];
  const defaultsUsed = new Set<string>();
  const counts = { sections: 0, totals: 0, notes: 0 };
  const sheetUnit: ReconUnit = {
    file,
    sheet: sheet.name,
    row: null,
    label: '(sheet)',
    scope: 'sheet',
    phase: null,
    sector: null,
    stated: { count: null, totalCents: null, annualCents: null },
    members: []
  };
  units.push(sheetUnit);
  let open: ReconUnit[] = [];
  let sectionPhase: Phase | null = null;
  let sectionSector: Sector | null = null;
  const state = { datumWarned: false };

  const colOf = (f: Field) => layout.byField.get(f);
  const at = (r: number, c: Column | undefined) => (c ? (sheet.values[r][c.index] ?? null) : null);
  const statedAmount = (r: number, f: 'total' | 'annual') => {
    const c = colOf(f);
    const cell = at(r, c);
    if (isErrorCell(cell)) {
      warnings.push({
        file,
        sheet: sheet.name,
        row: r + 1,
        column: c!.letter,
        header: c!.header,
        message: `${formulaErrorMessage(cell.code)}; this subtotal is not reconciled`
      });
      return null;
    }
    const v = parseAmount(cell, c?.meaning?.unit ?? layout.unit);
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
        file,
        sheet: sheet.name,
        row: row1,
        label: kind.label,
        scope: 'section',
        phase: sectionPhase,
        sector: sectionSector,
        stated: { count: kind.count, totalCents: statedAmount(r, 'total'), annualCents: statedAmount(r, 'annual') },
        members: []
      };
      sectionLevel.set(unit, kind.level);
      if (!kind.phase && !kind.sector) {
        warnings.push({
          file,
          sheet: sheet.name,
          row: row1,
          column: null,
          header: null,
          message: `section "${kind.label}" names neither a phase nor a sector; kept only for reconciliation`
        });
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
      } else units.push({ ...target, row: row1, label: kind.label, stated: { count: null, ...stated }, members: target.members });
      continue;
    }
    const { draft, issues: rowIssues } = readProjectRow(
      { file, sheet, layout, opts, sectionPhase, sectionSector, warnings, defaultsUsed, state },
      r
    );
    drafts.push(draft);
    issues.push(...rowIssues);
    sheetUnit.members.push(row1);
    for (const u of open) u.members.push(row1);
  }
  return { drafts, issues, warnings, units, counts, defaultsUsed };
}

const sectionLevel = new WeakMap<ReconUnit, 1 | 2>();

function pickUnit(open: ReconUnit[], label: string): ReconUnit {
  const p = phaseOf(label);
  const s = sectorOf(label);
  const hit = [...open].reverse().find((u) => (s && u.sector === s) || (p && !s && u.phase === p && !u.sector));
  return hit ?? open[open.length - 1];
}
