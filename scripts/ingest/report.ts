/** ingest-report.json and its readable summary. */
import { formatIssue, formatWhere, REASONS, type Issue, type Warning } from './issues.ts';
import { describeYears } from './plan-years.ts';
import type { ReconLine } from './reconcile.ts';

export interface SheetSummary {
  name: string;
  mode: 'plan' | 'monthly' | 'skipped';
  header_row?: number;
  header_rows?: number;
  unit?: string;
  year?: number;
  rows?: number;
  imported?: number;
  sections?: number;
  subtotal_rows?: number;
  ignored_columns?: string[];
}

export interface IngestReport {
  dataset: string;
  out: string;
  ok: boolean;
  written: boolean;
  skip_invalid: boolean;
  /** --strict: warnings are errors. */
  strict: boolean;
  /** Why nothing could be written at all, beyond the invalid rows (e.g. no project left). */
  error?: string;
  /** The plan's years (plan-years.ts): monthly returns must fall in them. */
  plan_years: number[];
  files: { file: string; format: string; sheets: SheetSummary[] }[];
  counts: {
    project_rows: number;
    projects_imported: number;
    invalid_rows: number;
    monthly_rows: number;
    monthly_matched: number;
    monthly_rows_written: number;
  };
  invalid: Issue[];
  warnings: Warning[];
  reconciliation: ReconLine[];
  /** Values the sheets did not give and the ingest filled in (also meta.json `invented`). */
  defaults: string[];
}

export function summaryText(r: IngestReport): string {
  const out: string[] = [];
  const verdict = r.ok
    ? r.written
      ? 'OK'
      : 'OK (check only: nothing written)'
    : r.written
      ? 'WRITTEN WITH INVALID ROWS SKIPPED'
      : 'FAILED (nothing written)';
  out.push(`Ingest of dataset "${r.dataset}" → ${r.out}: ${verdict}`);
  for (const f of r.files) {
    out.push(`  ${f.file} (${f.format})`);
    for (const s of f.sheets) {
      if (s.mode === 'skipped') out.push(`    sheet "${s.name}": skipped, no project table`);
      else
        out.push(
          `    sheet "${s.name}": ${s.mode}, header at row ${s.header_row}${s.header_rows === 2 ? '–' + (s.header_row! + 1) : ''}, unit ${s.unit}, ${s.rows} rows, ${s.imported} imported${s.sections ? `, ${s.sections} sections` : ''}${s.subtotal_rows ? `, ${s.subtotal_rows} subtotal rows` : ''}${s.ignored_columns?.length ? `; columns ignored: ${s.ignored_columns.join(', ')}` : ''}`
        );
    }
  }
  const [first, last] = [r.plan_years[0], r.plan_years[r.plan_years.length - 1]];
  out.push(
    `Plan year${r.plan_years.length > 1 ? 's' : ''}: ${describeYears(r.plan_years)} (monthly returns from ${first}-01 to ${last}-12).`
  );
  const c = r.counts;
  if (c.project_rows || !c.monthly_rows)
    out.push(`Projects: ${c.projects_imported} imported of ${c.project_rows} rows; invalid rows: ${c.invalid_rows}.`);
  else out.push(`Projects: no plan sheet in these files; the dataset's projects are kept. Invalid rows: ${c.invalid_rows}.`);
  if (c.monthly_rows)
    out.push(
      `Monthly returns: ${c.monthly_rows} figures read, ${c.monthly_matched} matched; monthly.parquet has ${c.monthly_rows_written} rows.`
    );
  if (r.invalid.length) {
    const byReason = new Map<string, number>();
    for (const i of r.invalid) byReason.set(i.reason, (byReason.get(i.reason) ?? 0) + 1);
    out.push(
      `Rows that cannot be imported (${r.invalid.length} problems: ${[...byReason].map(([k, n]) => `${REASONS[k as keyof typeof REASONS]} ${n}`).join(', ')}):`
    );
    for (const i of r.invalid.slice(0, 200)) out.push(`  ${formatIssue(i)}`);
    if (r.invalid.length > 200) out.push(`  … and ${r.invalid.length - 200} more in ingest-report.json`);
  }
  if (r.error) out.push(`Error: ${r.error}.`);
  if (r.reconciliation.length) {
    out.push("Reconciliation against the sheets' own subtotals:");
    for (const l of r.reconciliation) {
      const where = `${l.sheet}${l.row ? ` row ${l.row}` : ''} ${l.label}`;
      out.push(
        l.ok
          ? `  ok    ${where}: ${l.computed.projects} projects, ${l.computed.total_investment} / ${l.computed.annual_plan} 万元`
          : `  DIFF  ${where}: ${l.differences.join('; ')}${l.rejected_rows ? ` (${l.rejected_rows} rows rejected)` : ''}`
      );
    }
  }
  if (r.warnings.length) {
    out.push(`Warnings (${r.warnings.length}${r.strict ? ', errors under --strict' : ''}):`);
    for (const w of r.warnings.slice(0, 100)) out.push(`  ${formatWhere(w)}${formatWhere(w) ? ': ' : ''}${w.message}`);
    if (r.warnings.length > 100) out.push(`  … and ${r.warnings.length - 100} more in ingest-report.json`);
  }
  if (r.defaults.length) {
    out.push('Defaults used where the sheets say nothing:');
    for (const d of r.defaults) out.push(`  - ${d}`);
  }
  return out.join('\n') + '\n';
}
