/**
 * Reconciles imported projects against the sheet's own section headings and subtotal/total
 * rows: count, total investment and annual plan, compared in integer cents. Differences are
 * reported, not fatal: published tables often do not add up (Liuzhou 2022 does not).
 */
import type { PublishedFigure } from '../../src/lib/schema.ts';
import { centsToMoney, centsToYi, moneyToCents } from './parse-amount.ts';
import type { Draft, ReconUnit } from './plan-sheet.ts';

export interface ReconLine {
  file: string;
  sheet: string;
  row: number | null;
  label: string;
  phase: string | null;
  sector: string | null;
  /** 万元, two decimals; null where the sheet states nothing. */
  stated: { projects: number | null; total_investment: string | null; annual_plan: string | null };
  computed: { projects: number; total_investment: string; annual_plan: string };
  /** Rows under this heading that were not imported. */
  rejected_rows: number;
  differences: string[];
  ok: boolean;
}

export function reconcile(units: ReconUnit[], drafts: Draft[]): ReconLine[] {
  const byRow = new Map(drafts.map((d) => [`${d.src.file}|${d.src.sheet}|${d.src.row}`, d]));
  const lines: ReconLine[] = [];
  for (const u of units) {
    const { count, totalCents, annualCents } = u.stated;
    if (count === null && totalCents === null && annualCents === null) continue;
    const members = u.members.map((r) => byRow.get(`${u.file}|${u.sheet}|${r}`)!).filter(Boolean);
    const valid = members.filter((d) => !d.invalid);
    const total = valid.reduce((s, d) => s + d.totalCents, 0n);
    const annual = valid.reduce((s, d) => s + d.annualCents, 0n);
    const differences: string[] = [];
    if (count !== null && count !== valid.length) differences.push(`projects: stated ${count}, imported ${valid.length}`);
    if (totalCents !== null && totalCents !== total) {
      differences.push(
        `total investment: stated ${centsToMoney(totalCents)}, imported ${centsToMoney(total)} (difference ${centsToMoney(total - totalCents)} 万元)`
      );
    }
    if (annualCents !== null && annualCents !== annual) {
      differences.push(
        `annual plan: stated ${centsToMoney(annualCents)}, imported ${centsToMoney(annual)} (difference ${centsToMoney(annual - annualCents)} 万元)`
      );
    }
    lines.push({
      file: u.file,
      sheet: u.sheet,
      row: u.row,
      label: u.label,
      phase: u.phase,
      sector: u.sector,
      stated: {
        projects: count,
        total_investment: totalCents === null ? null : centsToMoney(totalCents),
        annual_plan: annualCents === null ? null : centsToMoney(annualCents)
      },
      computed: { projects: valid.length, total_investment: centsToMoney(total), annual_plan: centsToMoney(annual) },
      rejected_rows: members.length - valid.length,
      differences,
      ok: differences.length === 0
    });
  }
  return lines;
}

/** The sheet's stated figures as meta.json `published` / `computed` / `discrepancies` (亿元). */
export function publishedFigures(lines: ReconLine[]) {
  const published: PublishedFigure[] = [];
  const computed: PublishedFigure[] = [];
  const discrepancies: { what: string; published: string; computed: string }[] = [];
  const yi = (s: string | null) => (s === null ? null : centsToYi(moneyToCents(s)));
  for (const l of lines) {
    const phase = (l.phase ?? 'all') as PublishedFigure['phase'];
    const sector = (l.sector ?? 'all') as PublishedFigure['sector'];
    if (l.stated.total_investment === null) continue;
    published.push({
      phase,
      sector,
      projects: l.stated.projects ?? l.computed.projects,
      total_investment_yi: yi(l.stated.total_investment)!,
      annual_plan_yi: yi(l.stated.annual_plan)
    });
    computed.push({
      phase,
      sector,
      projects: l.computed.projects,
      total_investment_yi: yi(l.computed.total_investment)!,
      annual_plan_yi: l.stated.annual_plan === null ? null : yi(l.computed.annual_plan)
    });
    const what = `${l.sheet} ${l.label}`;
    if (l.stated.projects !== null && l.stated.projects !== l.computed.projects) {
      discrepancies.push({ what: `${what}: projects`, published: String(l.stated.projects), computed: String(l.computed.projects) });
    }
    if (l.stated.total_investment !== l.computed.total_investment) {
      discrepancies.push({
        what: `${what}: total investment (万元)`,
        published: l.stated.total_investment!,
        computed: l.computed.total_investment
      });
    }
    if (l.stated.annual_plan !== null && l.stated.annual_plan !== l.computed.annual_plan) {
      discrepancies.push({ what: `${what}: annual plan (万元)`, published: l.stated.annual_plan, computed: l.computed.annual_plan });
    }
  }
  return { published, computed, discrepancies };
}
